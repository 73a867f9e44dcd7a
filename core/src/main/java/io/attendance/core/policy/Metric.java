package io.attendance.core.policy;

import io.attendance.core.pupil.SessionCounts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A figure a condition reads from a pupil's session counts. Percentages are exact fractions. */
public enum Metric {
    ATTENDANCE_PCT(true), ABSENCE_PCT(true), UNAUTHORISED_PCT(true), AUTHORISED_PCT(true),
    UNAUTHORISED_SESSIONS(false), AUTHORISED_SESSIONS(false), ABSENT_SESSIONS(false),
    ATTENDED_SESSIONS(false), POSSIBLE_SESSIONS(false);

    private final boolean percentage;

    Metric(boolean percentage) {
        this.percentage = percentage;
    }

    public static Metric parse(String name) {
        for (Metric m : values()) if (m.name().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("unknown metric '" + name + "': use one of "
                + java.util.Arrays.stream(values()).map(m -> m.name().toLowerCase()).toList());
    }

    private long numerator(SessionCounts c) {
        return switch (this) {
            case ATTENDANCE_PCT, ATTENDED_SESSIONS -> c.attended();
            case ABSENCE_PCT, ABSENT_SESSIONS -> c.absent();
            case UNAUTHORISED_PCT, UNAUTHORISED_SESSIONS -> c.unauthorised();
            case AUTHORISED_PCT, AUTHORISED_SESSIONS -> c.authorised();
            case POSSIBLE_SESSIONS -> c.possible();
        };
    }

    /**
     * Compares the figure with a threshold without rounding: a percentage n/d is compared as
     * 100·n against threshold·d. A percentage of no possible sessions is undefined: null.
     */
    public Integer compareTo(SessionCounts c, BigDecimal threshold) {
        long n = numerator(c);
        if (!percentage) return BigDecimal.valueOf(n).compareTo(threshold);
        if (c.possible() == 0) return null;
        return BigDecimal.valueOf(n * 100).compareTo(threshold.multiply(BigDecimal.valueOf(c.possible())));
    }

    /** For event details: the figure, percentages to two places. */
    public String format(SessionCounts c) {
        long n = numerator(c);
        if (!percentage) return Long.toString(n);
        if (c.possible() == 0) return "n/a (no possible sessions)";
        return BigDecimal.valueOf(n * 100).divide(BigDecimal.valueOf(c.possible()), 2, RoundingMode.HALF_UP) + "%";
    }

    public boolean percentage() {
        return percentage;
    }

    public String label() {
        return name().toLowerCase();
    }
}
