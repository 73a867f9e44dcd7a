package io.attendance.streams.pupil;

import io.attendance.schemas.PupilAttendance;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.codes.CodeTable;

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

    public static PupilStats of(PupilAttendance state, CodeTable codes, SchoolCalendar calendar, List<Integer> windows) {
        PupilRegister register = new PupilRegister(state);
        LocalDate asOf = state.getAsOf();
        SessionCounts ytd = register.yearToDate(codes, asOf);
        List<Rolling> rolling = new ArrayList<>(windows.size());
        SessionCounts penalty = null;
        for (int n : windows) {
            SessionCounts c = register.rolling(codes, calendar, asOf, n);
            rolling.add(new Rolling(n, c));
            if (n == Flag.PENALTY_WINDOW_SCHOOL_WEEKS) penalty = c;
        }
        if (penalty == null) penalty = register.rolling(codes, calendar, asOf, Flag.PENALTY_WINDOW_SCHOOL_WEEKS);
        return new PupilStats(state.getUpn(), state.getUrn(), asOf, ytd, rolling, penalty, Flag.evaluate(ytd, penalty));
    }

    /** The flags as last evaluated by the stream (what signals have said), in the state record. */
    public static Set<Flag> storedFlags(PupilAttendance state) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        state.getFlags().forEach(f -> flags.add(Flag.valueOf(f)));
        return flags;
    }
}
