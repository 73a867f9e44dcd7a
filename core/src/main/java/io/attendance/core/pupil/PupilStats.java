package io.attendance.core.pupil;

import io.attendance.schemas.PupilAttendance;
import io.attendance.core.calendar.SchoolCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A pupil's figures as of the date their windows end: YTD, each rolling window, and the flags. */
public record PupilStats(String upn, String urn, LocalDate asOf, SessionCounts yearToDate,
                         List<Rolling> rolling, SessionCounts penaltyWindow, Set<Flag> flags) {

    public record Rolling(int schoolWeeks, SessionCounts counts) {
    }

    /** The figures the national thresholds read, and the flags they give. */
    public record Thresholds(SessionCounts yearToDate, SessionCounts penaltyWindow, Set<Flag> flags) {
    }

    /** The one evaluation of the flags: the stream (signals) and the API (answers) both call it. */
    public static Thresholds thresholds(WeekCounters counters, SchoolCalendar calendar, LocalDate asOf) {
        SessionCounts ytd = counters.yearToDate(asOf);
        SessionCounts penalty = counters.rolling(calendar, asOf, Flag.PENALTY_WINDOW_SCHOOL_WEEKS);
        return new Thresholds(ytd, penalty, Flag.evaluate(ytd, penalty));
    }

    public static PupilStats of(PupilAttendance state, SchoolCalendar calendar, List<Integer> windows) {
        WeekCounters counters = WeekCounters.decode(state.getWeeks());
        LocalDate asOf = state.getAsOf();
        Thresholds t = thresholds(counters, calendar, asOf);
        List<Rolling> rolling = new ArrayList<>(windows.size());
        for (int n : windows) rolling.add(new Rolling(n, counters.rolling(calendar, asOf, n)));
        return new PupilStats(state.getUpn(), state.getUrn(), asOf, t.yearToDate(), rolling, t.penaltyWindow(), t.flags());
    }

    /** The flags as last evaluated by the stream (what signals have said), in the state record. */
    public static Set<Flag> storedFlags(PupilAttendance state) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        state.getFlags().forEach(f -> flags.add(Flag.valueOf(f)));
        return flags;
    }
}
