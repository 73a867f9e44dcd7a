package io.attendance.streams.pupil;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Possible, attended, authorised and unauthorised sessions over some span of a pupil's register. */
public record SessionCounts(int possible, int attended, int authorised, int unauthorised) {
    public static final SessionCounts ZERO = new SessionCounts(0, 0, 0, 0);

    public int absent() {
        return authorised + unauthorised;
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
