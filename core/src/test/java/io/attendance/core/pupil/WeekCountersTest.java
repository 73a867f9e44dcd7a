package io.attendance.core.pupil;

import io.attendance.core.codes.CodeCategory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeekCountersTest {

    @Test
    void aWeekStraddlingFirstAugustIsSplitSoYearToDateStartsExactly() {
        // Mon 28 Jul – Sun 3 Aug 2025: Thu 31 Jul is last year, Fri 1 Aug is this year.
        WeekCounters c = WeekCounters.empty();
        c.add(LocalDate.parse("2025-07-31"), CodeCategory.UNAUTHORISED, +1);
        c.add(LocalDate.parse("2025-08-01"), CodeCategory.PRESENT, +1);
        assertThat(c.yearToDate(LocalDate.parse("2025-08-01"))).isEqualTo(new SessionCounts(1, 1, 0, 0));
        assertThat(c.yearToDate(LocalDate.parse("2025-07-31"))).isEqualTo(new SessionCounts(1, 0, 0, 1));
    }

    @Test
    void packedCountsSurviveARoundTripAndAnAmendmentMovesOneSession() {
        WeekCounters c = WeekCounters.empty();
        c.add(LocalDate.parse("2025-09-08"), CodeCategory.UNAUTHORISED, +1);
        c.add(LocalDate.parse("2025-09-09"), CodeCategory.NOT_POSSIBLE, +1);
        c.add(LocalDate.parse("2026-03-02"), CodeCategory.APPROVED_ACTIVITY, +1);
        WeekCounters back = WeekCounters.decode(c.encode());
        back.add(LocalDate.parse("2025-09-08"), CodeCategory.UNAUTHORISED, -1);
        back.add(LocalDate.parse("2025-09-08"), CodeCategory.AUTHORISED, +1);
        assertThat(back.yearToDate(LocalDate.parse("2026-03-02"))).isEqualTo(new SessionCounts(2, 1, 1, 0));
    }

    @Test
    void retractingAMarkThatWasNeverCountedIsRefused() {
        WeekCounters c = WeekCounters.empty();
        c.add(LocalDate.parse("2025-09-08"), CodeCategory.PRESENT, +1);
        c.add(LocalDate.parse("2025-09-08"), CodeCategory.PRESENT, -1);
        assertThat(c.isEmpty()).isTrue();
        assertThatThrownBy(() -> c.add(LocalDate.parse("2025-09-08"), CodeCategory.PRESENT, -1))
                .isInstanceOf(IllegalStateException.class);
    }
}
