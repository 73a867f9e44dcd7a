package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attendance.core.calendar.SchoolCalendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Codes that are not yet evidence (policies/README.md "Provisional codes"): an {@code N} ("reason
 * not yet provided") is normally replaced once a parent gives the reason, so until {@code grace}
 * school days have passed after its day it counts in no decision of this policy as unauthorised
 * absence (it still counts as absence, and every figure shown still shows it).
 */
public record Provisional(List<String> codes, int graceSchoolDays, String cite) {
    @JsonCreator
    static Provisional of(@JsonProperty("codes") List<String> codes, @JsonProperty("grace") String grace,
                          @JsonProperty("cite") String cite) {
        if (codes == null || codes.isEmpty()) throw new IllegalArgumentException("provisional.codes: the codes that are not yet evidence, e.g. [N]");
        Span g = Span.parse(grace == null ? "" : grace);
        if (g.unit() != Span.Unit.SCHOOL_DAYS || g.count() < 1) {
            throw new IllegalArgumentException("provisional.grace '" + grace + "': write 'N school days'");
        }
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("provisional needs a cite");
        return new Provisional(List.copyOf(codes), g.count(), cite);
    }

    /**
     * The last day whose provisional marks are evidence at the end of {@code today}: the school day
     * {@code grace} school days before it (a mark of that day has had its whole grace).
     */
    public LocalDate evidenceUpTo(LocalDate today, SchoolCalendar calendar) {
        LocalDate d = today;
        int counted = 0;
        for (int guard = 0; counted < graceSchoolDays && guard < 400; guard++) {
            d = d.minusDays(1);
            if (calendar.isSchoolDay(d)) counted++;
        }
        return d;
    }
}
