package io.attendance.core.pupil;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Possible, attended, authorised and unauthorised sessions over some span of a pupil's register;
 * {@code provisional}: unauthorised-coded sessions a policy does not yet treat as evidence (an N
 * inside its grace), counted as absence but not in {@code unauthorised}. Zero except in decisions.
 */
public record SessionCounts(int possible, int attended, int authorised, int unauthorised, int provisional) {
    public static final SessionCounts ZERO = new SessionCounts(0, 0, 0, 0);

    public SessionCounts(int possible, int attended, int authorised, int unauthorised) {
        this(possible, attended, authorised, unauthorised, 0);
    }

    public int absent() {
        return authorised + unauthorised + provisional;
    }

    /** These counts with {@code n} of the unauthorised sessions set aside as provisional. */
    public SessionCounts withProvisional(int n) {
        int p = Math.min(n, unauthorised);
        return new SessionCounts(possible, attended, authorised, unauthorised - p, provisional + p);
    }

    /** Attended / possible as a percentage to 2 decimals (half up); null when nothing was possible. */
    public BigDecimal attendancePct() {
        return pct(attended);
    }

    public BigDecimal unauthorisedPct() {
        return pct(unauthorised);
    }

    private BigDecimal pct(int part) {
        if (possible == 0) return null;
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(possible), 2, RoundingMode.HALF_UP);
    }
}
