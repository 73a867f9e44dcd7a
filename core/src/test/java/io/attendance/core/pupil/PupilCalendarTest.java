package io.attendance.core.pupil;

import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollChange;
import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Riverside (A): half-term 27–31 Oct 2025, INSET Mon 3 Nov. Hillside (B): a two-week half-term 20–31 Oct,
 * open Mon 3 Nov. A pupil at A from 3 Sep, moved to B from Mon 3 Nov (confirmed by the LA).
 */
class PupilCalendarTest {
    static final School A = DemoCalendars.year2025("100001", "Riverside", "norfolk-guidance", 96);
    static final School B = School.newBuilder().setUrn("100002").setName("Hillside").setLa("Northshire").setPolicy("apws")
            .setExpectedAttendancePct(96).setTerms(List.of(DemoCalendars.term("2025-09-03", "2025-10-17"), DemoCalendars.term("2025-11-03", "2025-12-19")))
            .setClosures(List.of()).build();
    final Map<String, SchoolCalendar> calendars = Map.of("100001", SchoolCalendar.of(A), "100002", SchoolCalendar.of(B));

    private PupilAttendance movedOn3November() {
        PupilAttendance p = PupilAttendance.newBuilder().setUpn("A801200125001").setUrn("100001").setLatestDate(LocalDate.parse("2025-10-31"))
                .setAsOf(LocalDate.parse("2025-10-31")).setWeeks(WeekCounters.empty().encode()).setFlags(new ArrayList<>())
                .setRoll(Roll.firstMark("100001", LocalDate.parse("2025-09-03"))).build();
        assertThat(Roll.apply(p, new RollChange("c1", "A801200125001", "100002", "move", LocalDate.parse("2025-11-03"), "la-officer"))).isEmpty();
        return p;
    }

    @Test
    void a_pupil_who_moved_has_each_school_week_counted_on_the_calendar_of_the_school_they_were_at() {
        SchoolCalendar pupil = PupilCalendar.of(movedOn3November(), "100002", calendars::get);
        assertThat(pupil.isSchoolDay(LocalDate.parse("2025-10-20"))).isTrue();  // at A: a school day (B's half-term)
        assertThat(pupil.isSchoolDay(LocalDate.parse("2025-10-27"))).isFalse(); // at A: half-term
        assertThat(pupil.isSchoolDay(LocalDate.parse("2025-11-03"))).isTrue();  // at B: open (A's INSET day)
        // 6 school weeks to Fri 14 Nov: 10, 3 Nov (B), then 20, 13, 6 Oct, 29 Sep (A) — not B's weeks, which skip 20 Oct.
        assertThat(pupil.schoolWeeksEndingWith(LocalDate.parse("2025-11-14"), 6)).containsExactly(
                LocalDate.parse("2025-11-10"), LocalDate.parse("2025-11-03"), LocalDate.parse("2025-10-20"),
                LocalDate.parse("2025-10-13"), LocalDate.parse("2025-10-06"), LocalDate.parse("2025-09-29"));
        assertThat(SchoolCalendar.of(B).schoolWeeksEndingWith(LocalDate.parse("2025-11-14"), 6)).last().isEqualTo(LocalDate.parse("2025-09-22"));
    }

    @Test
    void a_pupil_at_one_school_is_counted_on_that_schools_own_calendar() {
        PupilAttendance p = PupilAttendance.newBuilder().setUpn("A801200125002").setUrn("100001").setLatestDate(LocalDate.parse("2025-10-31"))
                .setAsOf(LocalDate.parse("2025-10-31")).setWeeks(WeekCounters.empty().encode()).setFlags(new ArrayList<>())
                .setRoll(Roll.firstMark("100001", LocalDate.parse("2025-09-03"))).build();
        assertThat(PupilCalendar.of(p, "100001", calendars::get)).isSameAs(calendars.get("100001"));
    }
}
