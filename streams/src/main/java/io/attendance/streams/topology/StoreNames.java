package io.attendance.streams.topology;

/** State stores, by the name interactive queries use. */
public final class StoreNames {
    /** upn → PupilAttendance: the pupil's live figures. */
    public static final String PUPILS = "pupil-attendance";
    /** "upn|date|session|urn" → MarkCell: the mark standing for each session (retractions, the register grid). */
    public static final String PUPIL_MARKS = "pupil-marks";
    /** "urn|upn" → comma-separated raised flags: lists a school's pupils without a full scan. */
    public static final String SCHOOL_PUPILS = "school-pupils";
    /** urn → latest school day (epoch day) seen by this task: the "as of" date of the school's pupils. */
    public static final String SCHOOL_AS_OF = "school-as-of";
    /** urn → School, on every instance (global store). */
    public static final String SCHOOLS = "schools-global";

    private StoreNames() {
    }
}
