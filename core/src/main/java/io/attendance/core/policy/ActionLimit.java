package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * At most {@code max} of this action per child and per value of field {@code per} (e.g. per
 * parent) within {@code within} of each other; the next is refused with {@code refusal}. With
 * {@code perCase}, also at most that many on one case for the same value (refused with
 * {@code perCaseRefusal}): a second penalty notice needs the threshold met again, a new case.
 */
public record ActionLimit(String per, int max, Span within, String refusal, Integer perCase, String perCaseRefusal) {
    @JsonCreator
    static ActionLimit of(@JsonProperty("per") String per, @JsonProperty("max") int max,
                          @JsonProperty("within") String within, @JsonProperty("refusal") String refusal,
                          @JsonProperty("perCase") Integer perCase, @JsonProperty("perCaseRefusal") String perCaseRefusal) {
        if (per == null) throw new IllegalArgumentException("a limit needs 'per' (the field it counts by)");
        if (max < 1) throw new IllegalArgumentException("a limit's max must be >= 1");
        if (refusal == null || refusal.isBlank()) throw new IllegalArgumentException("a limit needs the refusal reason");
        if (perCase != null && (perCase < 1 || perCaseRefusal == null || perCaseRefusal.isBlank())) {
            throw new IllegalArgumentException("a limit's perCase must be >= 1 and come with perCaseRefusal");
        }
        return new ActionLimit(per, max, Span.parse(within), refusal, perCase, perCaseRefusal);
    }
}
