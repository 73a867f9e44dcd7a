package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A transition: when {@code when} holds (or always, without one), request the letters and
 * tasks, then go to stage {@code goto} or close the case with a closure code.
 */
public record Rule(Condition when, List<LetterRequest> letters, List<TaskRequest> tasks, String goTo, String close,
                   String cite) {
    @JsonCreator
    static Rule of(@JsonProperty("when") Condition when, @JsonProperty("letters") List<LetterRequest> letters,
                   @JsonProperty("tasks") List<TaskRequest> tasks, @JsonProperty("goto") String goTo,
                   @JsonProperty("close") String close, @JsonProperty("cite") String cite) {
        if (goTo != null && close != null) throw new IllegalArgumentException("a rule either goes to a stage or closes, not both");
        return new Rule(when, letters == null ? List.of() : letters, tasks == null ? List.of() : tasks, goTo, close, cite);
    }
}
