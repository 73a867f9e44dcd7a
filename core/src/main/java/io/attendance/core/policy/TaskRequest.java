package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A job for staff, due {@code due} after the event that creates it (or after the date recorded
 * in {@code from}, e.g. the review meeting's date). Done when one of {@code doneBy} is recorded;
 * missed (an overdue case) when its due day ends undone.
 */
public record TaskRequest(String name, Span due, String from, List<String> doneBy, String cite) {
    @JsonCreator
    static TaskRequest of(@JsonProperty("name") String name, @JsonProperty("due") String due,
                          @JsonProperty("from") String from, @JsonProperty("doneBy") List<String> doneBy,
                          @JsonProperty("cite") String cite) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a task needs a name");
        return new TaskRequest(name, due == null ? null : Span.parse(due), from, doneBy == null ? List.of() : doneBy, cite);
    }
}
