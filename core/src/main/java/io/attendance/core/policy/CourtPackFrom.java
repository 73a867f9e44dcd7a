package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code courtPack: {from, cite}}: the stage from which the procedure says the Application to
 * Prosecute or court pack is due, so the pack can be produced from a case that has entered it
 * (policies/README.md "Court pack").
 */
public record CourtPackFrom(String from, String cite) {
    @JsonCreator
    static CourtPackFrom of(@JsonProperty("from") String from, @JsonProperty("cite") String cite) {
        if (from == null || from.isBlank()) throw new IllegalArgumentException("courtPack.from: the stage from which the pack is due");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("courtPack needs a cite: the procedure's words that ask for the pack");
        return new CourtPackFrom(from, cite);
    }
}
