package io.attendance.streams.policy;

/** Opens a case at {@code stage} when {@code when} starts to hold at the end of a school day. */
public record Trigger(Condition when, String stage, String cite) {
    public Trigger {
        if (when == null) throw new IllegalArgumentException("a trigger needs 'when'");
        if (stage == null) throw new IllegalArgumentException("a trigger needs the 'stage' a case opens at");
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("a trigger needs a cite from the procedure");
    }
}
