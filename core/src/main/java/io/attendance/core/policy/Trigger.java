package io.attendance.core.policy;

/**
 * Opens a case at {@code stage} when {@code when} starts to hold at the end of a school day.
 * {@code countsAfter}: after an earlier case of this procedure, only sessions after the last time
 * that action was recorded on it (e.g. the penalty notice issued), or after it closed if it never
 * was, count: the threshold must be met again on new absence (policies/README.md).
 */
public record Trigger(Condition when, String stage, String cite, String countsAfter) {
    public Trigger {
        if (when == null) throw new IllegalArgumentException("a trigger needs 'when'");
        if (stage == null) throw new IllegalArgumentException("a trigger needs the 'stage' a case opens at");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("a trigger needs a cite from the procedure");
    }
}
