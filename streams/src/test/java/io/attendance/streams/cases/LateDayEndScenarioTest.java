package io.attendance.streams.cases;

import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day end read after marks recorded later: on a replicated cluster the clock partition's fetch can stall
 * (its leader lost) while the marks' partitions are read on. The national framework's trigger (10
 * unauthorised sessions in 10 school weeks; an N is evidence only after 5 school days) must see at each day's
 * end exactly the register as it stood then, whatever the reading order. Worked by hand: 8–10 Sep O (6).
 */
class LateDayEndScenarioTest {
    static final String URN = "100006";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Hilltop Academy", "apws", 95), LocalDate.parse("2025-09-03"));

    @AfterEach
    void close() {
        f.close();
    }

    private static String penalty(String upn) {
        return upn + "-" + URN + "-national-penalty-notice-1";
    }

    private void sixOThenNsOnMondayAndTuesday(String upn) {
        f.enrol(upn);
        f.absent(upn, "2025-09-08", "2025-09-10", "O"); // 6
        f.sessions(upn, "2025-09-15", "N", "N");         // within their 5 school days: not yet evidence
        f.sessions(upn, "2025-09-16", "N", "N");
    }

    /** Monday's Ns become O on Wednesday (recorded 17:00, before its end), Tuesday's on Thursday. */
    private void theNsAmendedToOOnWednesdayAndThursday(String upn) {
        f.amend(upn, "2025-09-15", Session.AM, "O");
        f.amend(upn, "2025-09-15", Session.PM, "O");
        f.runTo("2025-09-17");
        f.amend(upn, "2025-09-16", Session.AM, "O");
        f.amend(upn, "2025-09-16", Session.PM, "O");
    }

    private void tenOByTuesday(String upn) {
        f.enrol(upn);
        f.absent(upn, "2025-09-08", "2025-09-10", "O"); // 6
        f.absent(upn, "2025-09-15", "2025-09-16", "O"); // 10 by Tue 16 Sep's end
    }

    @Test
    void ns_amended_to_o_on_the_next_two_days_open_the_case_on_the_second_even_when_the_tuesday_end_is_read_after_both() {
        String upn = Upn.of(938, 8301, 25, 1);
        sixOThenNsOnMondayAndTuesday(upn);
        f.runTo("2025-09-15");
        f.clockStalls();
        f.runTo("2025-09-16");                            // Tue: 6 counted, 4 N pending -> no case
        theNsAmendedToOOnWednesdayAndThursday(upn);       // Wed: 8
        f.runTo("2025-09-18");                            // Thu: 10 -> eligible
        f.clockResumes();                                 // Tue's, Wed's and Thu's ends arrive after all of it
        assertThat(f.story(penalty(upn))).startsWith("2025-09-18 OPENED eligible");
        assertThat(f.events(penalty(upn)).get(0).getDetail()).contains("(unauthorised_sessions over 10 school weeks is 10)");
    }

    @Test
    void the_same_days_read_in_order_open_the_case_on_thursday_too() {
        String upn = Upn.of(938, 8301, 25, 2);
        sixOThenNsOnMondayAndTuesday(upn);
        f.runTo("2025-09-16");
        theNsAmendedToOOnWednesdayAndThursday(upn);
        f.runTo("2025-09-17");
        assertThat(f.openedCases()).doesNotContain(penalty(upn));
        f.runTo("2025-09-18");
        assertThat(f.story(penalty(upn))).startsWith("2025-09-18 OPENED eligible");
    }

    @Test
    void marks_withdrawn_the_next_day_still_count_in_the_tuesday_end_read_after_the_withdrawal() {
        String upn = Upn.of(938, 8301, 25, 3);
        tenOByTuesday(upn);
        f.runTo("2025-09-15");
        f.clockStalls();
        f.runTo("2025-09-16");
        f.withdraw(upn, "2025-09-16", Session.AM);        // withdrawn Wed 17 Sep: 8 from then
        f.withdraw(upn, "2025-09-16", Session.PM);
        f.runTo("2025-09-17");
        f.clockResumes();
        assertThat(f.story(penalty(upn))).startsWith("2025-09-16 OPENED eligible");
        assertThat(f.events(penalty(upn)).get(0).getDetail()).contains("(unauthorised_sessions over 10 school weeks is 10)");
    }

    @Test
    void a_register_sent_again_the_next_day_with_the_same_codes_is_no_amendment_and_the_late_read_tuesday_end_counts_it() {
        String upn = Upn.of(938, 8301, 25, 4);
        tenOByTuesday(upn);
        f.runTo("2025-09-15");
        f.clockStalls();
        f.runTo("2025-09-16");
        for (String d : new String[]{"2025-09-15", "2025-09-16"}) { // the MIS exports the week again on Wed 17 Sep
            f.amend(upn, d, Session.AM, "O");
            f.amend(upn, d, Session.PM, "O");
        }
        f.runTo("2025-09-17");
        f.clockResumes();
        assertThat(f.story(penalty(upn))).startsWith("2025-09-16 OPENED eligible");
        assertThat(f.register(upn).stream().filter(e -> e.date().equals(LocalDate.parse("2025-09-16"))))
                .allSatisfy(e -> assertThat(e.earlier()).isEmpty());
    }
}
