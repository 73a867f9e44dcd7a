package io.attendance.notifier;

import io.attendance.notifier.deliver.OutgoingLetter;
import io.attendance.schemas.LetterStatus;

/**
 * One letter to one recipient, decided before anything is sent: either a produced letter and the
 * channel to send it by, or the reason it cannot go (then {@code status} says NOT_SENT for missing
 * contact data, FAILED for a letter that could not be produced) — a task on the case either way.
 * {@code letter} is present whenever the letter could be produced, even if it cannot be delivered.
 */
public record LetterPlan(String letterId, String parentId, String recipient, String channel, OutgoingLetter letter,
                         LetterStatus status, String problem) {
    public boolean deliverable() {
        return problem == null;
    }
}
