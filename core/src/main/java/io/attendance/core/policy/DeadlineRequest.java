package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A timer started when its stage is entered: {@code after} the entry date (or after the date
 * recorded in {@code from}). When it falls due, the first of {@code then} whose condition holds
 * is applied. A stage left before its deadline cancels it.
 */
public record DeadlineRequest(String name, Span after, String from, List<Rule> then, String cite) {
    @JsonCreator
    static DeadlineRequest of(@JsonProperty("name") String name, @JsonProperty("after") String after,
                              @JsonProperty("from") String from, @JsonProperty("then") List<Rule> then,
                              @JsonProperty("cite") String cite) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a deadline needs a name");
        if (after == null) throw new IllegalArgumentException("deadline '" + name + "' needs 'after'");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("deadline '" + name + "' needs a cite from the procedure");
        return new DeadlineRequest(name, Span.parse(after), from, then == null ? List.of() : then, cite);
    }
}
