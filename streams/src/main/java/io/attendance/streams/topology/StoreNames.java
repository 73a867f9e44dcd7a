package io.attendance.streams.topology;

/** State stores, by the name interactive queries use. */
public final class StoreNames {
    /** upn → PupilAttendance: the pupil's live figures. */
    public static final String PUPILS = "pupil-attendance";
    /** "upn|date|session|urn" → MarkCell: the mark standing for each session (retractions, the register grid). */
    public static final String PUPIL_MARKS = "pupil-marks";
    /**
     * "upn|date|session|urn|recordedAt" (epoch ms, 13 digits) → MarkCell: each recording a session's standing mark
     * replaced with another code (court packs show a mark's amendments with their original code and date).
     */
    public static final String MARK_HISTORY = "mark-history";
    /** upn → PupilContacts: the pupil's parents as last given, in the pupil's task (court packs name them). */
    public static final String PUPIL_CONTACTS = "pupil-contacts";
    /** "urn|upn" → comma-separated raised flags: lists a school's pupils without a full scan. */
    public static final String SCHOOL_PUPILS = "school-pupils";
    /** urn → latest school day (epoch day) seen by this task: the "as of" date of the school's pupils. */
    public static final String SCHOOL_AS_OF = "school-as-of";
    /** urn → School, on every instance (global store). */
    public static final String SCHOOLS = "schools-global";

    /** "upn|at|who|what|resource" (at: epoch ms, 13 digits) → AccessEvent: who read the pupil's data. */
    public static final String ACCESS_LOG = "access-log";

    /** case id → CaseState. */
    public static final String CASES = "cases";
    /** "urn|caseId" → CaseListing: what lists show of each case, without its history (CaseListings). */
    public static final String CASE_LISTINGS = "case-listings";
    /** "upn|urn|family" → CaseIndex: the pupil's open and last case under one procedure. */
    public static final String CASE_INDEX = "case-index";
    /** "urn|epochDay|caseId|T or D|name" → due date: deadlines and task due dates, scanned on each tick. */
    public static final String CASE_DEADLINES = "case-deadlines";
    /** urn → the last tick (epoch day) this task applied: ticks are idempotent. */
    public static final String CLOCK_SEEN = "clock-seen";
    /** "recordTime|urn|date" → ClockTick: days' ends held until input recorded after them arrives. */
    public static final String CLOCK_PENDING = "clock-pending";
    /** "upn|action|per" → comma-separated dates: limited actions (penalty notices per parent and child). */
    public static final String CASE_ACTION_LOG = "case-action-log";
    /** caseId|letterId → the notifier's record of that letter (with its PDF). */
    public static final String CASE_LETTERS = "case-letters";

    private StoreNames() {
    }
}
