package io.attendance.streams.cases;

import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An LA goes live on Wed 1 Oct 2025 with September's registers loaded first: September's day ends
 * decide nothing (no backdated case or letter), and the first day end on or after go-live judges
 * every pupil on the figures as they stand.
 */
class GoLiveScenarioTest {
    static final String URN = "100030";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Marshside Primary", "norfolk-guidance", 96),
            LocalDate.parse("2025-09-03"), LocalDate.parse("2025-10-01"));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void history_before_go_live_is_counted_but_opens_nothing_and_the_first_live_day_end_opens_what_the_figures_show() {
        String upn = Upn.of(938, 8301, 25, 1);
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O"); // 10 unauthorised sessions: Norfolk 001 and a penalty notice on 9 Sep, live
        f.runTo("2025-09-30");
        assertThat(f.openedCases()).isEmpty();
        f.runTo("2025-10-01");
        // End of Wed 1 Oct: the 6 school weeks from 1 Sep hold all 10 sessions; the 10 school weeks too.
        assertThat(f.story(upn + "-" + URN + "-norfolk-fast-track-1")).startsWith("2025-10-01 OPENED before-start");
        assertThat(f.story(upn + "-" + URN + "-national-penalty-notice-1")).startsWith("2025-10-01 OPENED eligible");
    }
}
