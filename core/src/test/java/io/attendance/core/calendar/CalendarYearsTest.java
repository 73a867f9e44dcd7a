package io.attendance.core.calendar;

import io.attendance.schemas.School;
import io.attendance.schemas.Term;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarYearsTest {
    private static School school(List<Term> terms, List<LocalDate> closures) {
        return School.newBuilder().setUrn("100001").setName("Riverside").setLa("Norfolk").setPolicy("apws")
                .setExpectedAttendancePct(96).setTerms(terms).setClosures(closures).build();
    }

    private static Term term(String from, String to) {
        return new Term(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void sending_next_years_calendar_keeps_this_years_so_10_school_weeks_in_september_reach_back_into_july() {
        School year2024 = school(List.of(term("2024-09-04", "2024-12-20"), term("2025-01-06", "2025-04-04"), term("2025-04-22", "2025-07-22")),
                List.of(LocalDate.parse("2025-05-05")));
        School year2025 = school(List.of(term("2025-09-03", "2025-12-19")), List.of(LocalDate.parse("2025-11-03")));
        School merged = CalendarYears.merge(year2024, year2025);
        assertThat(merged.getTerms()).extracting(t -> t.getStart().toString())
                .containsExactly("2024-09-04", "2025-01-06", "2025-04-22", "2025-09-03");
        assertThat(merged.getClosures()).containsExactly(LocalDate.parse("2025-05-05"), LocalDate.parse("2025-11-03"));
        // Fri 12 Sep 2025: the 10 school weeks are those of 8 and 1 Sep, then 21, 14, 7 Jul, 30, 23, 16, 9 and 2 Jun
        // 2025 (the summer holiday skipped); on this year's calendar alone there are only 2.
        assertThat(SchoolCalendar.of(merged).schoolWeeksEndingWith(LocalDate.parse("2025-09-12"), 10)).last()
                .isEqualTo(LocalDate.parse("2025-06-02"));
        assertThat(SchoolCalendar.of(year2025).schoolWeeksEndingWith(LocalDate.parse("2025-09-12"), 10)).hasSize(2);
    }

    @Test
    void sending_this_years_calendar_again_replaces_this_years_terms_and_closures_only() {
        School before = school(List.of(term("2024-09-04", "2025-07-22"), term("2025-09-03", "2025-12-19")),
                List.of(LocalDate.parse("2025-05-05"), LocalDate.parse("2025-11-03")));
        School snowDay = school(List.of(term("2025-09-03", "2025-12-19")), List.of(LocalDate.parse("2025-11-03"), LocalDate.parse("2025-11-20")));
        School merged = CalendarYears.merge(before, snowDay);
        assertThat(merged.getTerms()).extracting(t -> t.getStart().toString()).containsExactly("2024-09-04", "2025-09-03");
        assertThat(merged.getClosures()).containsExactly(LocalDate.parse("2025-05-05"), LocalDate.parse("2025-11-03"), LocalDate.parse("2025-11-20"));
    }
}
