package io.attendance.core.cases;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.pupil.SessionCounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What the engine reads about the world around a case: the school's calendar and the pupil's figures. */
public interface CaseEnv {
    SchoolCalendar calendar();

    WorkingDays workingDays();

    BigDecimal schoolExpectedPct();

    /** The pupil's last {@code n} school weeks ending with the week of {@code asOf}. */
    SessionCounts schoolWeeks(LocalDate asOf, int n);

    /** The academic year up to {@code asOf}. */
    SessionCounts yearToDate(LocalDate asOf);

    /**
     * Whether the last {@code n} school weeks ending with the week of {@code asOf} are all on the
     * calendar and the pupil was on the register from the first school day of the earliest one.
     */
    boolean wholeSchoolWeeks(LocalDate asOf, int n);

    /**
     * Whether the pupil has been on the register for at least {@code weeks} whole school weeks of
     * this academic year before the week of {@code asOf}.
     */
    boolean onRegisterFor(LocalDate asOf, int weeks);

    /** Every standing mark of the pupil dated from {@code from} to {@code to}, both included. */
    SessionCounts between(LocalDate from, LocalDate to);

    /** The pupil's counted sessions dated from..to (both included) marked with one of {@code codes}. */
    int sessionsCoded(LocalDate from, LocalDate to, java.util.Collection<String> codes);

    /** Dates on which {@code action} was recorded for this child and this value of its limit field. */
    List<LocalDate> actionLog(String action, String per);
}
