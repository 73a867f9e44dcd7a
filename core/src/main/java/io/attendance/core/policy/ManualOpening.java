package io.attendance.core.policy;

/** The policy lets staff open a case by hand, at {@code stage}. */
public record ManualOpening(String stage, String cite) {
    public ManualOpening {
        if (stage == null) throw new IllegalArgumentException("manualOpen needs a stage");
    }
}
