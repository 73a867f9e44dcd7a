package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What an open case does when the LA confirms the pupil moved school (policies/README.md "Moves"):
 * in a stage of {@code transferIn} it follows the pupil to the new school (the stage is the LA's, not
 * the old school's); otherwise it closes with {@code close}, the old school's process ending with
 * the pupil on its roll. {@code transferIn: [all]} transfers from every stage.
 */
public record OnMove(String close, List<String> transferIn, String cite) {
    public static final String ALL = "all";

    @JsonCreator
    static OnMove of(@JsonProperty("close") String close, @JsonProperty("transferIn") List<String> transferIn,
                     @JsonProperty("cite") String cite) {
        List<String> t = transferIn == null ? List.of() : List.copyOf(transferIn);
        if (close == null && !t.contains(ALL)) throw new IllegalArgumentException("onMove needs 'close' (a closure code) unless it transfers from every stage");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("onMove needs a cite");
        return new OnMove(close, t, cite);
    }

    public boolean transfers(String stage) {
        return transferIn.contains(ALL) || transferIn.contains(stage);
    }
}
