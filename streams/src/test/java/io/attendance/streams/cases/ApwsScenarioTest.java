package io.attendance.streams.cases;

import io.attendance.core.policy.Stage;


import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 (APWS, five stages) on the 2025/26 calendar. School days from Wed 3 Sep: the 10th is
 * Tue 16 Sep; the 49th and 50th are Tue 18 and Wed 19 Nov (half-term and the INSET day skipped).
 */
class ApwsScenarioTest {
    static final String URN = "100009";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Valley School", "apws", 96), LocalDate.parse("2025-09-03"));

    @AfterEach
    void close() {
        f.close();
    }

    private static String caseOf(String upn) {
        return upn + "-" + URN + "-apws-1";
    }

    @Test
    void exactly_95_percent_gets_the_awareness_letter_exactly_97_gets_nothing_and_a_drop_below_95_invites_to_a_meeting() {
        String x = Upn.of(938, 7001, 25, 1);
        String y = Upn.of(938, 7001, 25, 2);
        f.enrol(x);
        f.enrol(y);
        // Judged from Mon 29 Sep (4 whole school weeks on the register: weeks of 1, 8, 15, 22 Sep).
        f.absent(x, "2025-09-30", "2025-09-30", "I"); // end of Tue 30 Sep: 38 of 40 = 95.00%
        f.absent(x, "2025-10-03", "2025-10-03", "I"); // end of Fri 3 Oct: 42 of 46 = 91.3%
        f.sessions(y, "2025-11-18", "/", "I");   // day 49: 97 of 98
        f.absent(y, "2025-11-19", "2025-11-19", "I"); // day 50: 97 of 100 = 97.00%
        f.runTo("2025-11-19");
        assertThat(f.story(caseOf(x))).containsSubsequence(
                "2025-09-30 OPENED stage-1-awareness",
                "2025-09-30 LETTER_REQUESTED AL 1.1.0",
                "2025-10-03 STAGE_CHANGED stage-1-awareness -> stage-1-invite",
                "2025-10-03 LETTER_REQUESTED AL 1.2.0");
        assertThat(f.openedCases()).doesNotContain(caseOf(y));
        // The invitation states the figures it rests on (year to date from the first day of term, Wed 3 Sep, to the end of Fri 3 Oct: 4 of 46
        // sessions missed, none unauthorised, 42/46 = 91.30%) and, with no meeting set yet, carries no meeting.
        var invite = f.events(caseOf(x)).stream().filter(e -> "AL 1.2.0".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(invite.getFields()).containsEntry("evidence.window", "year to date").containsEntry("evidence.from", "2025-09-03")
                .containsEntry("evidence.to", "2025-10-03").containsEntry("evidence.possible", "46").containsEntry("evidence.missed", "4")
                .containsEntry("evidence.unauthorised", "0").containsEntry("evidence.attendancePct", "91.30%")
                .doesNotContainKey("meetingDate");
    }

    /** Absent all day Wed 3 Sep; the school opens Stage 1 that day — the meeting invitation (AL 1.2.0). */
    private String invited(String upn) {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-03", "I");
        f.openByHand(upn, "2025-09-03", null, "absent on the first day");
        f.runTo("2025-09-03");
        assertThat(f.story(caseOf(upn))).startsWith("2025-09-03 OPENED stage-1-invite", "2025-09-03 LETTER_REQUESTED AL 1.2.0");
        return caseOf(upn);
    }

    @Test
    void no_improvement_through_stages_1_to_4_reaches_court_and_a_suspended_fast_track_is_re_escalated() {
        String c = invited(Upn.of(938, 7001, 25, 3));
        f.act(c, "stage-1-meeting", "2025-10-15", "meetingDate", "2025-10-15", "earlyHelpAssessment", "yes");
        // 2 school weeks after Wed 15 Oct: 22 Oct, (half-term) 5 Nov; 4 school weeks: 12, 19 Nov.
        f.runTo("2025-11-05");
        f.act(c, "stage-1-review", "2025-11-19", "improved", "no");
        f.act(c, "check-referral", "2025-11-20", "evidenceOfSchoolAction", "yes");
        f.act(c, "stage-2-meeting", "2025-11-24", "meetingDate", "2025-11-24");
        f.act(c, "stage-2-final-review", "2025-12-17", "improved", "yes");
        // Suspended for a further 30 days: 17 Dec + 30 calendar days = Fri 16 Jan 2026.
        f.runTo("2026-01-16");
        f.act(c, "re-escalate", "2026-01-19");
        f.act(c, "attendance-panel", "2026-01-26", "panelDate", "2026-01-26", "reviewDate", "2026-02-09");
        f.act(c, "stage-3-final-review", "2026-02-09", "improved", "no", "paceInterviewHeld", "yes");
        f.act(c, "caution-meeting", "2026-02-11", "meetingDate", "2026-02-11");
        f.act(c, "manager-approval", "2026-02-12", "approved", "yes");
        f.act(c, "court-outcome", "2026-03-02", "outcome", "not-guilty");
        assertThat(f.story(c)).containsSubsequence(
                "2025-10-15 STAGE_CHANGED stage-1-invite -> stage-1-isp",
                "2025-10-15 TASK_CREATED Interim review (ISP 1.1) due 2025-11-05",
                "2025-10-15 TASK_CREATED Review (ISP 1.1) due 2025-11-19",
                "2025-11-05 DEADLINE_MISSED Interim review (ISP 1.1)",
                "2025-11-19 STAGE_CHANGED stage-1-isp -> stage-2-referral",
                // APWS 1.1.0 is the school's own referral form: asked of the school as a task, never posted
                "2025-11-19 TASK_CREATED School's referral (APWS 1.1.0) received — check it for evidence of school action",
                "2025-11-20 LETTER_REQUESTED APWS 2.1.0",
                "2025-11-20 STAGE_CHANGED stage-2-referral -> stage-2",
                "2025-11-20 LETTER_REQUESTED APWS 2.2.0",
                "2025-11-24 STAGE_CHANGED stage-2 -> stage-2-isp",
                "2025-11-24 TASK_CREATED Mid-point review (ISP 2.3.1) due 2025-12-09",
                "2025-11-24 TASK_CREATED Final review between EWO, school, pupil and parent due 2025-12-24",
                "2025-12-09 DEADLINE_MISSED Mid-point review (ISP 2.3.1)",
                "2025-12-17 STAGE_CHANGED stage-2-isp -> stage-2-suspended",
                "2026-01-16 DEADLINE_REACHED suspended 30-day plan ends",
                "2026-01-16 STAGE_CHANGED stage-2-suspended -> suspension-review",
                "2026-01-19 STAGE_CHANGED suspension-review -> stage-3",
                "2026-01-19 LETTER_REQUESTED APWS 3.1.0",
                "2026-01-26 LETTER_REQUESTED APWS 3.2.0",
                "2026-02-09 STAGE_CHANGED stage-3-isp -> stage-4",
                "2026-02-09 LETTER_REQUESTED APWS 4.1",
                "2026-02-12 STAGE_CHANGED prosecution-prepared -> legal-services",
                "2026-03-02 CLOSED NOT-GUILTY");
        assertThat(f.events(c)).noneMatch(e -> "APWS 1.1.0".equals(e.getLetterId()));
        // The APWS 2.1.x letters go to the school, the rest to every parent.
        assertThat(f.events(c).stream().filter(e -> "APWS 2.1.0".equals(e.getLetterId())).findFirst().orElseThrow()
                .getFields()).containsEntry("letterTo", "school");
        assertThat(f.events(c).stream().filter(e -> "APWS 2.2.0".equals(e.getLetterId())).findFirst().orElseThrow()
                .getFields()).containsEntry("letterTo", "parents");
    }

    @Test
    void improvement_after_stage_3_suspends_fast_track_and_a_guilty_verdict_after_re_escalation_moves_to_stage_5() {
        String c = invited(Upn.of(938, 7001, 25, 4));
        f.act(c, "stage-1-meeting", "2025-10-15", "meetingDate", "2025-10-15", "earlyHelpAssessment", "yes");
        f.act(c, "interim-review", "2025-11-05", "improved", "no");
        f.act(c, "check-referral", "2025-11-06", "evidenceOfSchoolAction", "no");
        f.act(c, "interim-review", "2025-11-07", "improved", "no");
        f.act(c, "check-referral", "2025-11-10", "evidenceOfSchoolAction", "yes");
        f.act(c, "stage-2-meeting", "2025-11-12", "meetingDate", "2025-11-12");
        f.act(c, "stage-2-final-review", "2025-12-12", "improved", "no");
        f.act(c, "attendance-panel", "2026-01-12", "panelDate", "2026-01-12", "reviewDate", "2026-02-02");
        // No PACE interview recorded (the field is optional): the case still resumes at Stage 4, because it was at Stage 3.
        f.act(c, "stage-3-final-review", "2026-02-02", "improved", "yes");
        f.act(c, "re-escalate", "2026-02-10");
        f.act(c, "caution-meeting", "2026-02-12", "meetingDate", "2026-02-12");
        f.act(c, "manager-approval", "2026-02-13", "approved", "yes");
        f.act(c, "court-outcome", "2026-03-09", "outcome", "guilty");
        assertThat(f.story(c)).containsSubsequence(
                "2025-11-05 STAGE_CHANGED stage-1-isp -> stage-2-referral",
                "2025-11-06 LETTER_REQUESTED APWS 2.1.1(2)",
                "2025-11-06 STAGE_CHANGED stage-2-referral -> stage-1-isp",
                "2025-11-10 STAGE_CHANGED stage-2-referral -> stage-2",
                "2025-12-12 STAGE_CHANGED stage-2-isp -> stage-3",
                "2026-02-02 STAGE_CHANGED stage-3-isp -> stage-3-suspended",
                // re-escalated from a Stage 3 suspension: Stage 4 (it looped at Stage 3 when the optional field was left out)
                "2026-02-10 STAGE_CHANGED stage-3-suspended -> stage-4",
                "2026-03-09 STAGE_CHANGED legal-services -> stage-5");
        assertThat(f.caseState(c).getStatus()).isEqualTo("open");
    }

    @Test
    void improvement_at_the_4_week_review_moves_to_monitoring_and_regular_attendance_closes_the_case() {
        String c = invited(Upn.of(938, 7001, 25, 5));
        f.act(c, "stage-1-meeting", "2025-09-10", "meetingDate", "2025-09-10", "earlyHelpAssessment", "yes");
        f.act(c, "interim-review", "2025-09-24", "improved", "yes");
        f.act(c, "stage-1-review", "2025-10-08", "improved", "yes");
        // Present every day after 3 Sep: attendance reaches 97% when possible sessions reach 67 (65/67 = 97.01%),
        // i.e. at the end of the 34th school day, Mon 20 Oct (68 sessions, 66 attended = 97.06%); day 33 is 64/66 = 96.97%.
        f.runTo("2025-10-20");
        assertThat(f.story(c)).containsSubsequence(
                "2025-10-08 STAGE_CHANGED stage-1-isp -> stage-1-monitoring",
                "2025-10-20 CLOSED IMPROVED");
    }

    @Test
    void regular_attendance_achieved_before_the_stage_1_meeting_closes_the_case_and_is_refused_below_97_percent() {
        String c = invited(Upn.of(938, 7001, 25, 6));
        // Absent Wed 3 Sep only: end of Fri 17 Oct (33rd school day), 64 of 66 = 96.97%; Mon 20 Oct 66 of 68 = 97.06%.
        f.runTo("2025-10-17");
        f.act(c, "close-regular-attendance", "2025-10-17");
        f.runTo("2025-10-20");
        f.act(c, "close-regular-attendance", "2025-10-20");
        assertThat(f.story(c)).containsSubsequence(
                "2025-10-17 ACTION_REFUSED close-regular-attendance",
                "2025-10-20 ACTION_RECORDED close-regular-attendance",
                "2025-10-20 CLOSED IMPROVED");
        assertThat(f.events(c).stream().filter(e -> e.getType() == io.attendance.schemas.CaseEventType.ACTION_REFUSED)
                .findFirst().orElseThrow().getDetail()).contains("96.97");
    }

    @Test
    void a_pupil_absent_on_the_first_two_days_of_term_is_not_judged_until_4_school_weeks_of_register() {
        String upn = Upn.of(938, 7001, 25, 9);
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-04", "I"); // 2 of 4 sessions on Thu 4 Sep: 50%
        f.runTo("2025-09-26");
        assertThat(f.openedCases()).doesNotContain(caseOf(upn));
        f.runTo("2025-09-29");
        // End of Mon 29 Sep: weeks of 1, 8, 15, 22 Sep whole on the register; 34 of 38 sessions = 89.47% < 95%.
        assertThat(f.story(caseOf(upn))).startsWith("2025-09-29 OPENED stage-1-invite", "2025-09-29 LETTER_REQUESTED AL 1.2.0");
    }

    @Test
    void a_pupil_who_joins_on_6_october_is_first_judged_after_4_whole_school_weeks_on_10_november() {
        String upn = Upn.of(938, 7001, 25, 10);
        f.runTo("2025-10-03");
        f.enrol(upn); // on the register from Mon 6 Oct
        f.absent(upn, "2025-10-06", "2025-10-07", "I");
        f.runTo("2025-11-07");
        // Whole weeks before the week of 3 Nov: 6, 13, 20 Oct (half-term 27 Oct is no school week): 3, not judged.
        assertThat(f.openedCases()).doesNotContain(caseOf(upn));
        f.runTo("2025-11-10");
        // Mon 10 Nov: 4 whole weeks (6, 13, 20 Oct, 3 Nov with its INSET Monday); 36 of 40 sessions = 90.00%.
        assertThat(f.story(caseOf(upn))).startsWith("2025-11-10 OPENED stage-1-invite");
    }
}
