package io.attendance.core.codes;

/** What a register code means for the counts. */
public enum CodeCategory {
    PRESENT(true, true),
    APPROVED_ACTIVITY(true, true),
    AUTHORISED(true, false),
    UNAUTHORISED(true, false),
    NOT_POSSIBLE(false, false),
    ADMINISTRATIVE(false, false);

    private final boolean possible;
    private final boolean attended;

    CodeCategory(boolean possible, boolean attended) {
        this.possible = possible;
        this.attended = attended;
    }

    /** Counts in the denominator: the pupil was expected to attend. */
    public boolean possible() {
        return possible;
    }

    /** Counts in the numerator of attendance %. */
    public boolean attended() {
        return attended;
    }
}
