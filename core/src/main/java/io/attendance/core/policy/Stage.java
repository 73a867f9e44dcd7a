package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A step of the procedure. On entry its letters are requested, its tasks created and its
 * deadlines started; its {@code watch} rules are checked at the end of every school day.
 */
public record Stage(String title, String cite, List<LetterRequest> letters, List<TaskRequest> tasks,
                    List<DeadlineRequest> deadlines, List<Rule> watch) {
    @JsonCreator
    static Stage of(@JsonProperty("title") String title, @JsonProperty("cite") String cite,
                    @JsonProperty("letters") List<LetterRequest> letters, @JsonProperty("tasks") List<TaskRequest> tasks,
                    @JsonProperty("deadlines") List<DeadlineRequest> deadlines, @JsonProperty("watch") List<Rule> watch) {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("a stage needs a title");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("stage '" + title + "' needs a cite from the procedure");
        return new Stage(title, cite, letters == null ? List.of() : letters, tasks == null ? List.of() : tasks,
                deadlines == null ? List.of() : deadlines, watch == null ? List.of() : watch);
    }
}
