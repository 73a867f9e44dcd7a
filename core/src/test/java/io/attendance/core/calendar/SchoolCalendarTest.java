package io.attendance.core.calendar;

import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchoolCalendarTest {
    private final SchoolCalendar riverside = SchoolCalendar.of(DemoCalendars.riverside());

    @Test
    void weekendsHalfTermAndInsetDaysAreNotSchoolDays() {
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-09-03"))).isTrue();   // first day of term
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-09-02"))).isFalse();  // before term
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-09-06"))).isFalse();  // Saturday
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-10-29"))).isFalse();  // half-term
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-11-03"))).isFalse();  // INSET
        assertThat(riverside.isSchoolDay(LocalDate.parse("2025-11-04"))).isTrue();
    }

    @Test
    void sixSchoolWeeksEndingInNovemberSkipHalfTermAndSpanSevenCalendarWeeks() {
        assertThat(riverside.schoolWeeksEndingWith(LocalDate.parse("2025-11-12"), 6)).containsExactly(
                LocalDate.parse("2025-11-10"), LocalDate.parse("2025-11-03"), LocalDate.parse("2025-10-20"),
                LocalDate.parse("2025-10-13"), LocalDate.parse("2025-10-06"), LocalDate.parse("2025-09-29"));
    }

    @Test
    void aWeekWithOnlyAnInsetDayMissingIsStillASchoolWeek() {
        assertThat(riverside.isSchoolWeek(LocalDate.parse("2025-11-03"))).isTrue();
        assertThat(riverside.isSchoolWeek(LocalDate.parse("2025-10-27"))).isFalse();
    }

    @Test
    void tenSchoolDaysAfterAFridayBeforeHalfTermLandAfterTheInsetDay() {
        // 24 Oct (Fri) + 10 school days: 4,5,6,7 Nov (4), 10–14 Nov (9), 17 Nov (10).
        assertThat(riverside.schoolDaysAfter(LocalDate.parse("2025-10-24"), 10)).contains(LocalDate.parse("2025-11-17"));
    }

    /** A summer term that lists no closures: Mon 4 May 2026 (Early May bank holiday) falls inside it. */
    private static io.attendance.schemas.School summer(List<LocalDate> opensOn) {
        return io.attendance.schemas.School.newBuilder().setUrn("100001").setName("S").setLa("L").setPolicy("apws")
                .setExpectedAttendancePct(96).setTerms(List.of(new io.attendance.schemas.Term(LocalDate.parse("2026-04-13"), LocalDate.parse("2026-05-22"))))
                .setClosures(List.of()).setOpensOn(opensOn).build();
    }

    @Test
    void a_bank_holiday_inside_a_term_is_no_school_day_unless_the_school_says_it_opens() {
        assertThat(SchoolCalendar.of(summer(List.of())).isSchoolDay(LocalDate.parse("2026-05-04"))).isFalse();
        assertThat(SchoolCalendar.of(summer(List.of())).isSchoolDay(LocalDate.parse("2026-05-05"))).isTrue();
        assertThat(SchoolCalendar.of(summer(List.of(LocalDate.parse("2026-05-04")))).isSchoolDay(LocalDate.parse("2026-05-04"))).isTrue();
        // 10 school days after Fri 1 May: 5-8 May (4), 11-15 (9), Mon 18 May (10) — the bank holiday skipped.
        assertThat(SchoolCalendar.of(summer(List.of())).schoolDaysAfter(LocalDate.parse("2026-05-01"), 10)).contains(LocalDate.parse("2026-05-18"));
    }

    @Test
    void academicYearStartsOnTheFirstOfAugust() {
        assertThat(SchoolCalendar.academicYearStart(LocalDate.parse("2026-03-02"))).isEqualTo(LocalDate.parse("2025-08-01"));
        assertThat(SchoolCalendar.academicYearStart(LocalDate.parse("2025-09-03"))).isEqualTo(LocalDate.parse("2025-08-01"));
    }
}
