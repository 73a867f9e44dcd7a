package io.attendance.streams.cases;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003 (County Attendance Team flow chart, Sept 2017) on the 2025/26 calendar. */
class CountyAttendanceTeamScenarioTest {
    static final String URN = "100008";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Moorside", "county-attendance-team-2017", 96), LocalDate.parse("2025-09-03"));
    final String upn = Upn.of(938, 6001, 25, 1);
    final String caseId = upn + "-" + URN + "-county-attendance-team-1";

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * Absent (unauthorised) on Wed 3 Sep; the school opens the case that day (a year-to-date
     * percentage is not judged on a week-old year); target set on Fri 5 Sep.
     */
    private void targetSet() {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-03", "O");
        f.openByHand(upn, "2025-09-03", null, "pattern of absence");
        f.runTo("2025-09-04");
        assertThat(f.story(caseId)).startsWith("2025-09-03 OPENED school-stage");
        // 20 school days after Fri 5 Sep: 8–12, 15–19, 22–26 Sep, 29 Sep – 3 Oct → by Fri 3 Oct.
        f.act(caseId, "target-set", "2025-09-05", "target", "95% by the review", "illnessOverFiveDaysOrPattern", "yes",
                "reviewDate", "2025-10-06");
        assertThat(f.events(caseId)).last().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(CaseEventType.ACTION_REFUSED);
            assertThat(e.getDetail()).isEqualTo("reviewDate: 2025-10-06 is too late: it must be within 20 school days of 2025-09-05, by 2025-10-03");
        });
        f.act(caseId, "target-set", "2025-09-05", "target", "95% by the review", "illnessOverFiveDaysOrPattern", "yes",
                "reviewDate", "2025-10-03");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-09-05 TASK_CREATED Seek parents' written permission to contact the GP",
                "2025-09-05 STAGE_CHANGED school-stage -> first-review",
                "2025-09-05 TASK_CREATED Review attendance against the target due 2025-10-03");
    }

    @Test
    void target_met_at_the_first_review_closes_the_case() {
        targetSet();
        f.act(caseId, "first-review", "2025-10-03", "targetMet", "yes");
        assertThat(f.story(caseId)).endsWith("2025-10-03 CLOSED TARGET-MET");
    }

    /** Target not met twice; the referral is refused under 10% unauthorised, then accepted; the route is chosen. */
    private void referredAndRouted(String route) {
        targetSet();
        f.act(caseId, "first-review", "2025-10-03", "targetMet", "no");
        // 20 school days after Fri 10 Oct: 13–17, 20–24 Oct, (half-term, INSET Mon 3 Nov) 4–7, 10–14 Nov, Mon 17 Nov.
        f.act(caseId, "action-plan-agreed", "2025-10-10", "meetingDate", "2025-10-10", "reviewDate", "2025-11-17");
        f.act(caseId, "second-review", "2025-11-17", "targetMet", "no");
        // Up to Mon 17 Nov: 3 Sep – 14 Nov is 47 school days, 94 sessions; + Mon 17 Nov: 96. 2 unauthorised = 2.08%.
        f.absent(upn, "2025-11-18", "2025-11-28", "O"); // 9 days, 18 sessions
        f.act(caseId, "refer-to-cat", "2025-11-18", "allStepsEvidenced", "yes", "legalActionRequired", "yes");
        CaseEvent refused = f.events(caseId).get(f.events(caseId).size() - 1);
        assertThat(refused.getType()).isEqualTo(CaseEventType.ACTION_REFUSED);
        assertThat(refused.getDetail()).isEqualTo("A referral will only be accepted if the pupil has at least 10% unauthorised "
                + "absence (unauthorised_pct over year to date is 2.08%)");
        // By Mon 1 Dec (marks to Fri 28 Nov): 96 + 18 = 114 sessions, 20 unauthorised = 17.5% >= 10%.
        f.act(caseId, "refer-to-cat", "2025-12-01", "allStepsEvidenced", "yes", "legalActionRequired", "yes");
        f.act(caseId, "choose-route", "2025-12-02", "appropriate", "yes", "route", route);
    }

    @ParameterizedTest(name = "route {0} ends with papers to court, closed {1}")
    @CsvSource({"s444-1, S444-1", "s444-1a, S444-1A", "eso, ESO", "parenting-order, PARENTING-ORDER"})
    void target_not_met_after_the_attendance_panel_gives_the_final_warning_and_papers_to_court_on_each_legal_route(String route, String code) {
        referredAndRouted(route);
        f.act(caseId, "panel-meeting", "2026-01-13", "meetingDate", "2026-01-13", "kind", "attendance-panel", "target", "no unauthorised absence");
        // 5 school weeks after Tue 13 Jan: 20, 27 Jan, 3, 10 Feb, (half-term 16–20 Feb) Tue 24 Feb.
        f.runTo("2026-02-24");
        f.act(caseId, "target-review", "2026-02-25", "targetMet", "no");
        f.act(caseId, "papers-submitted", "2026-02-26");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-01 ACTION_RECORDED refer-to-cat",
                "2025-12-01 STAGE_CHANGED referral -> route-decision",
                // the referral is accepted by the Senior Officer's decision: the two letters go that day
                "2025-12-02 LETTER_REQUESTED 1st Warning letter",
                "2025-12-02 LETTER_REQUESTED PACE letter",
                "2025-12-02 STAGE_CHANGED route-decision -> apm",
                // "within 5 weeks of referral": 5 school weeks after the referral on Mon 1 Dec —
                // 8, 15 Dec, (Christmas: two weeks with no school day) 5, 12, 19 Jan.
                "2025-12-02 TASK_CREATED Hold the Attendance Panel Meeting or PACE interview in school due 2026-01-19",
                "2026-01-13 STAGE_CHANGED apm -> apm-review",
                "2026-02-24 DEADLINE_REACHED 5 weeks since the Attendance Panel / PACE meeting",
                "2026-02-24 STAGE_CHANGED apm-review -> review-due",
                "2026-02-25 STAGE_CHANGED review-due -> final-warning",
                "2026-02-25 LETTER_REQUESTED Final Warning letter",
                "2026-02-26 CLOSED " + code);
        assertThat(f.caseState(caseId).getFields()).containsEntry("route", route);
    }

    @Test
    void target_met_after_the_panel_sends_a_letter_and_reviews_again_within_a_further_5_weeks() {
        referredAndRouted("s444-1");
        f.act(caseId, "panel-meeting", "2026-01-13", "meetingDate", "2026-01-13", "kind", "pace-interview", "target", "95%");
        f.runTo("2026-02-24");
        f.act(caseId, "target-review", "2026-02-25", "targetMet", "yes");
        // 5 school weeks after Wed 25 Feb: 4, 11, 18, 25 Mar, (Easter holiday) Wed 15 Apr.
        f.runTo("2026-04-15");
        f.act(caseId, "close-target-sustained", "2026-04-16");
        assertThat(f.story(caseId)).containsSubsequence(
                "2026-02-25 STAGE_CHANGED review-due -> further-review",
                "2026-02-25 LETTER_REQUESTED Target met letter",
                "2026-04-15 DEADLINE_REACHED further 5 weeks end",
                "2026-04-15 STAGE_CHANGED further-review -> review-due",
                "2026-04-16 CLOSED TARGET-MET");
    }

    @Test
    void the_senior_officer_finds_the_referral_not_appropriate_and_it_closes_with_the_reason_and_no_warning_letters() {
        targetSet();
        f.act(caseId, "first-review", "2025-10-03", "targetMet", "no");
        f.act(caseId, "action-plan-agreed", "2025-10-10", "meetingDate", "2025-10-10", "reviewDate", "2025-11-17");
        f.act(caseId, "second-review", "2025-11-17", "targetMet", "no");
        f.absent(upn, "2025-11-18", "2025-11-28", "O");
        f.act(caseId, "refer-to-cat", "2025-12-01", "allStepsEvidenced", "yes", "legalActionRequired", "yes");
        f.act(caseId, "choose-route", "2025-12-02", "appropriate", "no");
        assertThat(f.events(caseId).get(f.events(caseId).size() - 1).getDetail())
                .startsWith("A referral found not appropriate needs the reason");
        f.act(caseId, "choose-route", "2025-12-02", "appropriate", "no", "reason", "illness not yet explored with the GP");
        assertThat(f.story(caseId)).containsSubsequence("2025-12-02 ACTION_RECORDED choose-route", "2025-12-02 CLOSED NOT-APPROPRIATE");
        assertThat(f.caseState(caseId).getClosureCode()).isEqualTo("NOT-APPROPRIATE");
        assertThat(f.caseState(caseId).getLetters()).extracting(l -> l.getLetterId()).doesNotContain("1st Warning letter", "PACE letter");
    }
}
