package io.attendance.core.pupil;

import java.util.EnumSet;
import java.util.Set;

/**
 * National thresholds (DfE "Working together to improve school attendance", 2024), evaluated with
 * whole numbers so a boundary case is never decided by floating point.
 */
public enum Flag {
    /** Missing 10% or more of possible sessions, year to date. */
    PERSISTENT_ABSENCE("persistent"),
    /** Missing 50% or more of possible sessions, year to date. */
    SEVERE_ABSENCE("severe"),
    /** 10 or more unauthorised sessions within a rolling 10 school weeks (penalty notice framework, Aug 2024). */
    PENALTY_NOTICE_ELIGIBLE("penalty-notice");

    public static final int PENALTY_WINDOW_SCHOOL_WEEKS = 10;
    public static final int PENALTY_UNAUTHORISED_SESSIONS = 10;

    private final String queryName;

    Flag(String queryName) {
        this.queryName = queryName;
    }

    /** The name used in {@code ?flag=} queries. */
    public String queryName() {
        return queryName;
    }

    public static Flag fromQueryName(String name) {
        for (Flag f : values()) {
            if (f.queryName.equals(name) || f.name().equals(name)) return f;
        }
        throw new IllegalArgumentException("unknown flag '" + name + "': use persistent, severe or penalty-notice");
    }

    /** Flags as stored in the school index: comma-separated names, "" for none. */
    public static String join(Set<Flag> flags) {
        StringBuilder b = new StringBuilder();
        for (Flag f : flags) {
            if (b.length() > 0) b.append(',');
            b.append(f.name());
        }
        return b.toString();
    }

    public static Set<Flag> split(String joined) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (joined == null || joined.isEmpty()) return flags;
        for (String s : joined.split(",")) flags.add(Flag.valueOf(s));
        return flags;
    }

    public static Set<Flag> evaluate(SessionCounts yearToDate, SessionCounts lastTenSchoolWeeks) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (yearToDate.possible() > 0) {
            if (yearToDate.absent() * 10L >= yearToDate.possible()) flags.add(PERSISTENT_ABSENCE);
            if (yearToDate.absent() * 2L >= yearToDate.possible()) flags.add(SEVERE_ABSENCE);
        }
        if (lastTenSchoolWeeks.unauthorised() >= PENALTY_UNAUTHORISED_SESSIONS) flags.add(PENALTY_NOTICE_ELIGIBLE);
        return flags;
    }
}
