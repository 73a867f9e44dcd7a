package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Something a person records on a case (a meeting held, a decision, a judgement the procedure
 * leaves to them), allowed only in the named stages. The first rule of {@code then} whose
 * condition holds is applied; with none, the action is recorded and the stage stays.
 */
public record ActionSpec(String title, String cite, List<String> stages, LinkedHashMap<String, FieldSpec> fields,
                         List<Rule> then, List<String> labels, ActionLimit limit, List<Requirement> requires,
                         List<LetterRequest> letters, String withdraws) {
    /** A condition the action needs, checked when it is recorded; refused with {@code refusal} otherwise. */
    public record Requirement(Condition when, String refusal) {
        public Requirement {
            if (when == null || refusal == null) throw new IllegalArgumentException("a requirement needs 'when' and 'refusal'");
        }
    }

    @JsonCreator
    static ActionSpec of(@JsonProperty("title") String title, @JsonProperty("cite") String cite,
                         @JsonProperty("stages") List<String> stages,
                         @JsonProperty("fields") LinkedHashMap<String, FieldSpec> fields,
                         @JsonProperty("then") List<Rule> then, @JsonProperty("labels") List<String> labels,
                         @JsonProperty("limit") ActionLimit limit, @JsonProperty("requires") List<Requirement> requires,
                         @JsonProperty("letters") List<LetterRequest> letters,
                         @JsonProperty("withdraws") String withdraws) {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("an action needs a title");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("action '" + title + "' needs a cite from the procedure");
        if (stages == null || stages.isEmpty()) throw new IllegalArgumentException("action '" + title + "' needs the stages it is allowed in");
        return new ActionSpec(title, cite, stages, fields == null ? new LinkedHashMap<>() : fields,
                then == null ? List.of() : then, labels == null ? List.of() : labels, limit,
                requires == null ? List.of() : requires, letters == null ? List.of() : letters, withdraws);
    }
}
