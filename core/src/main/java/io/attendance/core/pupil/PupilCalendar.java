package io.attendance.core.pupil;

import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollEntry;
import io.attendance.core.calendar.SchoolCalendar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The calendar a pupil's weeks are counted on: while on a school's roll as its main pupil, that
 * school's own calendar. A pupil who moved school has each stretch counted on the calendar of the
 * school they were at (a half-term at the old school is no school week, whatever the new school's
 * calendar says). A pupil at one school, the great majority, gets that school's calendar itself.
 */
public final class PupilCalendar {
    private PupilCalendar() {
    }

    /** @param calendars a school's calendar by URN, null when unknown */
    public static SchoolCalendar of(PupilAttendance p, String currentUrn, Function<String, SchoolCalendar> calendars) {
        SchoolCalendar current = calendars.apply(currentUrn);
        if (p == null || p.getRoll().size() < 2) return current; // one registration (or none kept): one school's calendar
        List<RollEntry> mains = Roll.entries(p).stream().filter(e -> Roll.MAIN.equals(e.getRegistration())).toList();
        if (mains.size() < 2) return current;
        List<SchoolCalendar> parts = new ArrayList<>();
        for (int i = 0; i < mains.size(); i++) {
            RollEntry e = mains.get(i);
            SchoolCalendar c = calendars.apply(e.getUrn());
            if (c == null) continue;
            // the first stretch reaches back before the roll was kept: the pupil's earlier weeks were there
            parts.add(c.between(i == 0 ? null : e.getFrom(), e.getTo()));
        }
        return parts.isEmpty() ? current : SchoolCalendar.join(parts);
    }
}
