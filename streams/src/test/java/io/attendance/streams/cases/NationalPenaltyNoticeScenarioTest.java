package io.attendance.streams.cases;

import io.attendance.core.policy.Window;


import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2024 national framework beside a school's own policy (here APWS). School weeks: w2 = 8 Sep,
 * w3 = 15 Sep, w4 = 22 Sep ... w8 = 20 Oct, half-term, w9 = 3 Nov ... w11 = 17 Nov, w12 = 24 Nov, w13 = 1 Dec.
 */
class NationalPenaltyNoticeScenarioTest {
    static final String URN = "100006";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Hilltop Academy", "apws", 95), LocalDate.parse("2025-09-03"));

    @AfterEach
    void close() {
        f.close();
    }

    private static String caseOf(String upn) {
        return upn + "-" + URN + "-national-penalty-notice-1";
    }

    @Test
    void eligibility_opens_at_the_10th_unauthorised_session_within_10_school_weeks_spanning_half_term_and_not_at_the_9th() {
        String counted = Upn.of(938, 5001, 25, 1);
        String tooLate = Upn.of(938, 5001, 25, 2);
        for (String upn : List.of(counted, tooLate)) {
            f.enrol(upn);
            f.absent(upn, "2025-09-15", "2025-09-16", "O"); // 4 (w3)
            f.absent(upn, "2025-09-22", "2025-09-23", "O"); // 4 more (w4): 8
        }
        // Window of 10 school weeks ending w11 is w2..w11 (8 Sep – 21 Nov: 11 calendar weeks with half-term).
        f.sessions(counted, "2025-11-19", "O", "/"); // 9
        f.sessions(counted, "2025-11-20", "O", "/"); // 10
        // Ending w13 the window is w4..w13: 15/16 Sep have left it, so 4 + 2 = 6.
        f.sessions(tooLate, "2025-12-03", "O", "/");
        f.sessions(tooLate, "2025-12-04", "O", "/");
        f.runTo("2025-11-19");
        assertThat(f.openedCases()).doesNotContain(caseOf(counted));
        f.runTo("2025-12-19");
        assertThat(f.story(caseOf(counted))).startsWith("2025-11-20 OPENED eligible");
        assertThat(f.events(caseOf(counted)).get(0).getDetail()).contains("unauthorised_sessions over 10 school weeks >= 10");
        assertThat(f.openedCases()).doesNotContain(caseOf(tooLate));
    }

    private List<CaseEvent> actions(String caseId) {
        return f.events(caseId).stream()
                .filter(e -> e.getType() == CaseEventType.ACTION_RECORDED || e.getType() == CaseEventType.ACTION_REFUSED).toList();
    }

    private static String nth(String upn, int n) {
        return upn + "-" + URN + "-national-penalty-notice-" + n;
    }

    @Test
    void a_second_notice_needs_the_threshold_met_again_on_absence_after_the_first_and_a_third_within_3_years_is_refused() {
        String upn = Upn.of(938, 5001, 25, 3);
        f.enrol(upn);
        f.absent(upn, "2025-09-15", "2025-09-19", "O"); // 10 unauthorised sessions by Fri 19 Sep
        f.absent(upn, "2025-10-06", "2025-10-10", "O"); // 10 more, all after the first notices
        f.absent(upn, "2025-10-20", "2025-10-24", "O"); // 10 more, after the second
        f.runTo("2025-09-19");
        String first = nth(upn, 1);
        assertThat(f.story(first)).startsWith("2025-09-19 OPENED eligible");
        f.act(first, "issue-notice", "2025-09-22", "parentId", "P1");
        f.act(first, "issue-notice", "2025-09-23", "parentId", "P1"); // the same absence: refused
        f.act(first, "issue-notice", "2025-09-23", "parentId", "P2"); // the other parent: their own first notice
        f.act(first, "payment-outcome", "2025-10-01", "paid", "yes");
        assertThat(actions(first)).extracting(CaseEvent::getType).containsExactly(CaseEventType.ACTION_RECORDED,
                CaseEventType.ACTION_REFUSED, CaseEventType.ACTION_RECORDED, CaseEventType.ACTION_RECORDED);
        assertThat(actions(first).get(0).getDetail()).contains("first notice: £80 if paid within 21 days, £160 if paid within 28 days");
        assertThat(actions(first).get(1).getDetail()).startsWith("A second notice to the same parent needs the threshold met again");
        // Met again on the 10 sessions of 6–10 Oct, counted after the last notice (23 Sep): a new case on Fri 10 Oct.
        f.runTo("2025-10-10");
        String second = nth(upn, 2);
        assertThat(f.story(second)).startsWith("2025-10-10 OPENED eligible");
        f.act(second, "issue-notice", "2025-10-13", "parentId", "P1");
        assertThat(actions(second).get(0).getDetail()).contains("second notice within 3 years: £160");
        // The notice prints the fee that applies.
        var notice = f.events(second).stream().filter(e -> "Penalty notice".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(notice.getFields()).containsEntry("actionLabel", "second notice within 3 years: £160").containsEntry("parentId", "P1");
        f.act(second, "payment-outcome", "2025-10-14", "paid", "yes");
        f.runTo("2025-10-24");
        String third = nth(upn, 3);
        assertThat(f.story(third)).startsWith("2025-10-24 OPENED eligible");
        f.act(third, "issue-notice", "2025-11-04", "parentId", "P1");
        assertThat(actions(third).get(0).getType()).isEqualTo(CaseEventType.ACTION_REFUSED);
        assertThat(actions(third).get(0).getDetail()).contains("No third penalty notice to the same parent for the same child within 3 years")
                .contains("2025-09-22, 2025-10-13");
    }

    @Test
    void a_withdrawn_notice_does_not_count_so_the_next_notice_to_that_parent_is_a_first_notice() {
        String upn = Upn.of(938, 5001, 25, 5);
        f.enrol(upn);
        f.absent(upn, "2025-09-15", "2025-09-19", "O");
        f.absent(upn, "2025-10-06", "2025-10-10", "O");
        f.runTo("2025-09-19");
        f.act(nth(upn, 1), "issue-notice", "2025-09-22", "parentId", "P1");
        f.act(nth(upn, 1), "withdraw-notice", "2025-09-23", "parentId", "P2", "reason", "wrong parent");
        f.act(nth(upn, 1), "withdraw-notice", "2025-09-23", "parentId", "P1", "reason", "issued to the wrong parent");
        assertThat(actions(nth(upn, 1)).get(1).getDetail()).isEqualTo("no 'issue-notice' with parentId P2 is recorded on this case to withdraw");
        assertThat(f.story(nth(upn, 1))).endsWith("2025-09-23 CLOSED WITHDRAWN");
        f.runTo("2025-10-10");
        f.act(nth(upn, 2), "issue-notice", "2025-10-13", "parentId", "P1");
        assertThat(actions(nth(upn, 2)).get(0).getDetail()).contains("first notice: £80");
    }

    @Test
    void payment_is_recorded_after_the_28_day_period_and_5_working_days_over_christmas() {
        String upn = Upn.of(938, 5001, 25, 6);
        f.enrol(upn);
        f.absent(upn, "2025-09-15", "2025-09-19", "O");
        f.runTo("2025-09-19");
        String caseId = caseOf(upn);
        f.act(caseId, "issue-notice", "2025-11-26", "parentId", "P1");
        // 28 calendar days after Wed 26 Nov is Wed 24 Dec (a holiday: the clock still ticks).
        // Then 5 working days: 29, 30, 31 Dec, 2 Jan, 5 Jan (25, 26 Dec and 1 Jan are bank holidays).
        f.runTo("2026-01-06");
        f.act(caseId, "payment-outcome", "2026-01-06", "paid", "yes");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-24 DEADLINE_REACHED 28-day payment period ends",
                "2025-12-24 STAGE_CHANGED notice-issued -> payment-due",
                "2025-12-24 TASK_CREATED Record whether the penalty notice was paid due 2026-01-05",
                "2026-01-05 DEADLINE_MISSED Record whether the penalty notice was paid",
                "2026-01-06 CLOSED PAID");
    }

    @Test
    void the_framework_runs_beside_a_school_naming_another_procedure_too() {
        try (CaseFixture norfolk = new CaseFixture(DemoCalendars.year2025("100007", "Riverside", "norfolk-quick-guide", 96),
                LocalDate.parse("2025-09-03"))) {
            String upn = Upn.of(938, 5001, 25, 4);
            norfolk.enrol(upn);
            norfolk.absent(upn, "2025-09-15", "2025-09-19", "O");
            // The penalty notice counts (10 sessions) decide at once; the quick guide's year-to-date
            // figure is judged from Mon 29 Sep (4 whole school weeks): 28 of 38 = 73.7%.
            norfolk.runTo("2025-09-29");
            assertThat(norfolk.openedCases()).contains(upn + "-100007-national-penalty-notice-1", upn + "-100007-norfolk-fast-track-1");
        }
    }
}
