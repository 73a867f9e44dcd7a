package io.attendance.api.pupils;

import io.attendance.core.pupil.SessionCounts;

import java.math.BigDecimal;

/** Sessions over a period; the percentage has 2 decimals and is null when nothing was possible. */
public record Counts(int possible, int attended, int authorised, int unauthorised, BigDecimal attendancePct) {
    static Counts of(SessionCounts c) {
        return new Counts(c.possible(), c.attended(), c.authorised(), c.unauthorised(), c.attendancePct());
    }
}
