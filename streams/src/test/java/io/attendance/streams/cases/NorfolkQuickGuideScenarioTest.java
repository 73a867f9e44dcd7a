package io.attendance.streams.cases;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000 on the 2025/26 calendar (half-term 27–31 Oct, INSET Mon 3 Nov). Dates worked by hand:
 * school weeks skip the half-term week; school days skip it and the INSET day.
 */
class NorfolkQuickGuideScenarioTest {
    static final String URN = "100001";
    static final String PUPIL = Upn.of(938, 4001, 25, 1);
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Riverside Primary", "norfolk-quick-guide", 96), LocalDate.parse("2025-09-03"));
    final String caseId = PUPIL + "-" + URN + "-norfolk-fast-track-1";

    @AfterEach
    void close() {
        f.close();
    }

    /** Both sessions on 3, 15, 19 and 22 Sep and the afternoon of 29 Sep: 9 unauthorised sessions. */
    private void nineUnauthorisedSessionsBy29September() {
        f.enrol(PUPIL);
        f.absent(PUPIL, "2025-09-03", "2025-09-03", "O");
        f.absent(PUPIL, "2025-09-15", "2025-09-15", "O");
        f.absent(PUPIL, "2025-09-19", "2025-09-19", "O");
        f.absent(PUPIL, "2025-09-22", "2025-09-22", "O");
        f.sessions(PUPIL, "2025-09-29", "/", "O");
    }

    /**
     * Opened by the school on 3 Sep (a year-to-date percentage is not judged before 4 school weeks of
     * register), warning letter on 10 Sep, 9 unauthorised in 6 school weeks by 1 Oct.
     */
    private void upToTheInvite() {
        nineUnauthorisedSessionsBy29September();
        f.openByHand(PUPIL, "2025-09-03", null, "early interventions in place");
        f.runTo("2025-09-09");
        assertThat(f.story(caseId)).startsWith(
                "2025-09-03 OPENED early-interventions",
                "2025-09-03 TASK_CREATED Confirm early interventions are in place; decide on the Pre-Legal Intervention Warning Letter");
        f.act(caseId, "send-pre-legal-warning", "2025-09-10");
        // 3 school weeks after Wed 10 Sep: Wed 1 Oct. By then 9 unauthorised sessions (3, 15, 19, 22 Sep x2, 29 Sep PM).
        f.runTo("2025-10-01");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-09-10 STAGE_CHANGED early-interventions -> monitoring",
                "2025-09-10 LETTER_REQUESTED Pre-Legal Intervention Warning Letter",
                "2025-10-01 DEADLINE_REACHED 3-week monitoring ends",
                "2025-10-01 STAGE_CHANGED monitoring -> invite",
                "2025-10-01 TASK_CREATED Send the initial Fast Track invite to parents due 2025-10-08");
        f.act(caseId, "send-invite", "2025-10-06", "meetingDate", "2025-10-13", "meetingTime", "15:30",
                "place", "Riverside Primary, meeting room 1", "attendees", "Head of Year 6; AEO");
    }

    @Test
    void parents_do_not_attend_then_second_invite_4_to_6_school_weeks_later_then_review_finds_15_percent_then_ATP_due_within_10_days() {
        upToTheInvite();
        f.act(caseId, "first-meeting", "2025-10-13", "parentsAttended", "no");
        // Absences go on: Fri 7, Mon 10, Fri 14, Mon 17, Fri 21 Nov unauthorised (10 sessions; 19 in all).
        for (String d : new String[]{"2025-11-07", "2025-11-10", "2025-11-14", "2025-11-17", "2025-11-21"}) f.absent(PUPIL, d, d, "O");
        // 4 school weeks after Mon 13 Oct: 20 Oct, (half-term skipped), 3 Nov, 10 Nov, 17 Nov.
        f.runTo("2025-11-16");
        assertThat(f.caseState(caseId).getStage()).isEqualTo("parents-did-not-attend");
        // Too early for the 2nd invite: the engine refuses it and names what is allowed.
        f.act(caseId, "send-second-invite", "2025-11-14", "meetingDate", "2025-12-03", "meetingTime", "15:30", "place", "room 1", "attendees", "AEO");
        assertThat(f.events(caseId)).last().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(CaseEventType.ACTION_REFUSED);
            assertThat(e.getDetail()).contains("not allowed in stage 'parents-did-not-attend'");
        });
        f.act(caseId, "send-second-invite", "2025-11-20", "meetingDate", "2025-12-03", "meetingTime", "15:30",
                "place", "Riverside Primary, meeting room 1", "attendees", "AEO");
        // Prosecution period 3 Sep – 2 Dec: 59 school days, 118 sessions, 19 unauthorised = 16.1% >= 15%.
        f.act(caseId, "review-meeting", "2025-12-03", "parentsAttended", "no", "statutoryDefenceEvidenced", "no");
        f.runTo("2025-12-17");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-13 ACTION_RECORDED first-meeting",
                "2025-10-13 STAGE_CHANGED meeting-invited -> parents-did-not-attend",
                "2025-11-14 ACTION_REFUSED send-second-invite",
                "2025-11-17 DEADLINE_REACHED 4 weeks since the meeting parents did not attend",
                "2025-11-17 STAGE_CHANGED parents-did-not-attend -> second-invite-due",
                // 6 school weeks after 13 Oct is Mon 1 Dec
                "2025-11-17 TASK_CREATED Send the reminder invite to the 2nd Fast Track meeting due 2025-12-01",
                "2025-11-20 TASK_DONE Send the reminder invite to the 2nd Fast Track meeting",
                "2025-11-20 LETTER_REQUESTED 2nd Fast Track invite",
                "2025-11-20 STAGE_CHANGED second-invite-due -> second-meeting-invited",
                "2025-12-03 ACTION_RECORDED review-meeting",
                "2025-12-03 STAGE_CHANGED second-meeting-invited -> atp",
                // 10 school days after Wed 3 Dec: Wed 17 Dec
                "2025-12-03 TASK_CREATED Send the Application to Prosecute and the YTD herringbone to the LA; hold the case management conversation due 2025-12-17",
                "2025-12-17 DEADLINE_MISSED Send the Application to Prosecute and the YTD herringbone to the LA; hold the case management conversation");
        // No meeting was held, so no minutes or covering letter: the only letters are the warning and the two invites.
        assertThat(f.caseState(caseId).getLetters()).extracting(l -> l.getLetterId()).containsExactly(
                "Pre-Legal Intervention Warning Letter", "Fast Track invite", "2nd Fast Track invite");
        CaseEvent invite = f.events(caseId).stream().filter(e -> "2nd Fast Track invite".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(invite.getFields()).containsEntry("meetingDate", "2025-12-03").containsEntry("place", "Riverside Primary, meeting room 1");
    }

    @Test
    void parents_attend_and_plan_is_signed_then_review_finds_attendance_improved_and_case_closes() {
        upToTheInvite();
        f.act(caseId, "first-meeting", "2025-10-13", "parentsAttended", "yes");
        f.act(caseId, "send-review-invite", "2025-11-04", "meetingDate", "2025-11-18", "meetingTime", "09:00", "place", "room 1", "attendees", "AEO");
        // Prosecution period 3 Sep – 17 Nov: 9 unauthorised of 2 x 50 school days = 9% < 15%.
        f.act(caseId, "review-meeting", "2025-11-18", "parentsAttended", "yes", "statutoryDefenceEvidenced", "no");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-13 STAGE_CHANGED meeting-invited -> plan-agreed",
                "2025-11-04 LETTER_REQUESTED Review Fast Track invite",
                "2025-11-18 CLOSED IMPROVED");
        assertThat(f.caseState(caseId).getStatus()).isEqualTo("closed");
        assertThat(f.caseState(caseId).getLetters()).extracting(l -> l.getLetterId())
                .doesNotContain("Minutes covering letter"); // the plan is signed at the meeting: nothing to post
    }

    @Test
    void amending_an_unauthorised_mark_to_illness_before_the_monitoring_deadline_keeps_the_case_out_of_fast_track() {
        nineUnauthorisedSessionsBy29September();
        f.openByHand(PUPIL, "2025-09-03", null, "early interventions in place");
        f.act(caseId, "send-pre-legal-warning", "2025-09-10");
        f.runTo("2025-09-30");
        f.amend(PUPIL, "2025-09-29", Session.PM, "I"); // parent rang: illness, authorised — 8 unauthorised left
        f.runTo("2025-10-01");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-01 DEADLINE_REACHED 3-week monitoring ends",
                "2025-10-01 STAGE_CHANGED monitoring -> monitoring-continues"); // absence continued, 8 of the 9
    }

    @Test
    void exactly_90_00_percent_attendance_is_persistent_absence_and_opens_early_interventions() {
        f.enrol(PUPIL);
        f.absent(PUPIL, "2025-09-29", "2025-09-30", "I"); // ill Mon 29 and Tue 30 Sep
        f.runTo("2025-09-29");
        assertThat(f.openedCases()).as("Mon 29 Sep: 36 of 38 = 94.7%").doesNotContain(caseId);
        f.runTo("2025-09-30");
        // Tue 30 Sep: 36 of 40 sessions = 90.00%: 10% missed, persistently absent on the national line.
        assertThat(f.story(caseId)).startsWith("2025-09-30 OPENED early-interventions");
    }

    @Test
    void full_attendance_during_the_3_week_monitoring_does_not_lead_to_the_fast_track_invite() {
        f.enrol(PUPIL);
        f.absent(PUPIL, "2025-09-15", "2025-09-18", "O");
        f.sessions(PUPIL, "2025-09-19", "O", "/"); // 9 unauthorised sessions by Fri 19 Sep, none after
        f.openByHand(PUPIL, "2025-09-19", null, "a week of unauthorised absence");
        f.act(caseId, "send-pre-legal-warning", "2025-09-22");
        // 3 school weeks after Mon 22 Sep: Mon 13 Oct. The 6 school weeks then (8 Sep – 13 Oct) still hold the 9.
        f.runTo("2025-10-13");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-13 DEADLINE_REACHED 3-week monitoring ends",
                "2025-10-13 STAGE_CHANGED monitoring -> early-interventions");
        assertThat(f.story(caseId)).noneMatch(line -> line.contains("-> invite"));
    }

    @Test
    void a_pupil_reaching_9_unauthorised_sessions_the_day_after_monitoring_ends_is_invited_that_day() {
        f.enrol(PUPIL);
        f.absent(PUPIL, "2025-09-15", "2025-09-17", "O");
        f.sessions(PUPIL, "2025-09-18", "O", "/");  // 7 before the warning
        f.sessions(PUPIL, "2025-10-09", "O", "/");  // the 8th, during monitoring: poor attendance continues
        f.sessions(PUPIL, "2025-10-14", "O", "/");  // the 9th, the day after monitoring ends
        f.openByHand(PUPIL, "2025-09-18", null, "pattern of absence");
        f.act(caseId, "send-pre-legal-warning", "2025-09-22");
        f.runTo("2025-10-14");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-13 DEADLINE_REACHED 3-week monitoring ends",
                "2025-10-13 STAGE_CHANGED monitoring -> monitoring-continues",
                "2025-10-14 STAGE_CHANGED monitoring-continues -> invite");
    }

    /**
     * Unauthorised (O) every Monday from 8 Sep: 2 of every 10 sessions. The warning on Mon 10 Nov; 3 school
     * weeks later, Mon 1 Dec, 9 or more in the 6 school weeks 20 Oct – 1 Dec (20 Oct, 10, 17, 24 Nov, 1 Dec;
     * Mon 3 Nov is the INSET day) and unauthorised absence during monitoring (17 Nov): the invite.
     */
    private static String toTheInvite(CaseFixture fx, String openedByHandOn) {
        fx.enrol(PUPIL);
        for (LocalDate d = LocalDate.parse("2025-09-08"); d.isBefore(LocalDate.parse("2025-12-20")); d = d.plusWeeks(1)) {
            fx.absent(PUPIL, d.toString(), d.toString(), "O");
        }
        String id = PUPIL + "-" + URN + "-norfolk-fast-track-1";
        if (openedByHandOn != null) fx.openByHand(PUPIL, openedByHandOn, null, "early interventions in place");
        fx.act(id, "send-pre-legal-warning", "2025-11-10");
        fx.runTo("2025-12-01");
        return id;
    }

    @Test
    void the_prosecution_period_starts_with_the_6_school_weeks_that_met_the_criterion_however_the_case_was_opened() {
        // By the trigger: 20% missed year to date, judged from Mon 29 Sep (4 whole school weeks).
        String byTrigger = toTheInvite(f, null);
        // By hand, the same marks, on Mon 8 Sep (before the trigger could fire).
        try (CaseFixture g = new CaseFixture(DemoCalendars.year2025(URN, "Riverside Primary", "norfolk-quick-guide", 96), LocalDate.parse("2025-09-03"))) {
            String byHand = toTheInvite(g, "2025-09-08");
            for (CaseFixture fx : List.of(f, g)) {
                String id = fx == f ? byTrigger : byHand;
                assertThat(fx.story(id)).contains("2025-12-01 STAGE_CHANGED monitoring -> invite");
                // First school day of the 6 school weeks ending with the week of 1 Dec (half-term skipped): Mon 20 Oct.
                // 26 weeks: to Sun 19 Apr 2026; six months from 20 Oct (s127 MCA 1980): 20 Apr 2026.
                assertThat(fx.caseState(id).getPeriodStart()).isEqualTo(LocalDate.parse("2025-10-20"));
                assertThat(fx.events(id).stream().filter(e -> e.getType() == CaseEventType.STAGE_CHANGED && "invite".equals(e.getStage()))
                        .findFirst().orElseThrow().getDetail())
                        .endsWith("prosecution period 2025-10-20 to 2026-04-19 (lay any information by 2026-04-20)");
            }
            assertThat(f.story(byTrigger)).startsWith("2025-09-29 OPENED early-interventions");
            assertThat(g.story(byHand)).startsWith("2025-09-08 OPENED early-interventions");
        }
    }

    @Test
    void the_invite_gives_5_working_days_notice_and_the_review_meeting_is_held_inside_the_prosecution_period() {
        String id = toTheInvite(f, null);
        // Tue 2 Dec + 5 working days: 3, 4, 5, 8, 9 Dec — the earliest meeting is Tue 9 Dec.
        f.act(id, "send-invite", "2025-12-02", "meetingDate", "2025-12-05", "meetingTime", "15:30", "place", "room 1", "attendees", "AEO");
        f.act(id, "send-invite", "2025-12-02", "meetingDate", "2025-12-09", "meetingTime", "15:30", "place", "room 1", "attendees", "AEO");
        f.act(id, "first-meeting", "2025-12-09", "parentsAttended", "yes");
        f.act(id, "send-review-invite", "2025-12-10", "meetingDate", "2026-04-20", "meetingTime", "09:00", "place", "room 1", "attendees", "AEO");
        f.act(id, "send-review-invite", "2025-12-10", "meetingDate", "2026-04-17", "meetingTime", "09:00", "place", "room 1", "attendees", "AEO");
        List<CaseEvent> refused = f.events(id).stream().filter(e -> e.getType() == CaseEventType.ACTION_REFUSED).toList();
        assertThat(refused).extracting(CaseEvent::getDetail).containsExactly(
                "meetingDate: 2025-12-05 is too soon: at least 5 working days notice from 2025-12-02 is needed; the earliest valid date is 2025-12-09",
                "meetingDate: 2026-04-20 is too late: it must be on or before end of prosecution period (2026-04-19)");
        assertThat(f.story(id)).containsSubsequence(
                "2025-12-02 LETTER_REQUESTED Fast Track invite",
                "2025-12-10 LETTER_REQUESTED Review Fast Track invite");
    }

    @Test
    void exactly_15_00_percent_unauthorised_over_the_prosecution_period_goes_to_the_application_to_prosecute_and_13_75_does_not() {
        String exact = Upn.of(938, 4001, 25, 21);
        String under = Upn.of(938, 4001, 25, 22);
        for (String p : List.of(exact, under)) {
            f.enrol(p);
            for (String d : new String[]{"2025-09-08", "2025-09-15", "2025-09-22", "2025-10-20", "2025-11-10", "2025-11-17",
                    "2025-11-24", "2025-12-08"}) f.absent(p, d, d, "O");
            f.sessions(p, "2025-12-01", "O", "\\");
        }
        f.sessions(exact, "2025-12-15", "O", "\\"); // the only difference: one session
        List<String> ids = List.of(exact + "-" + URN + "-norfolk-fast-track-1", under + "-" + URN + "-norfolk-fast-track-1");
        for (String id : ids) f.act(id, "send-pre-legal-warning", "2025-11-10");
        // Mon 1 Dec: 9 unauthorised in the 6 school weeks 20 Oct – 1 Dec (20 Oct, 10, 17, 24 Nov x2, 1 Dec AM): the invite.
        f.runTo("2025-12-01");
        for (String id : ids) {
            f.act(id, "send-invite", "2025-12-02", "meetingDate", "2025-12-09", "meetingTime", "15:30", "place", "room 1", "attendees", "AEO");
        }
        for (String id : ids) f.act(id, "first-meeting", "2025-12-09", "parentsAttended", "yes");
        for (String id : ids) {
            f.act(id, "send-review-invite", "2025-12-10", "meetingDate", "2026-01-06", "meetingTime", "09:00", "place", "room 1", "attendees", "AEO");
        }
        // Review on Tue 6 Jan: the prosecution period from Mon 20 Oct to Mon 5 Jan holds 40 school days, 80 sessions
        // (20–24 Oct, 4–7 Nov after the INSET day, 10 Nov – 19 Dec, 5 Jan). Unauthorised: 12 = 15.00% and 11 = 13.75%.
        for (String p : List.of(exact, under)) {
            f.act(p + "-" + URN + "-norfolk-fast-track-1", "review-meeting", "2026-01-06", "parentsAttended", "yes", "statutoryDefenceEvidenced", "no");
        }
        assertThat(f.story(exact + "-" + URN + "-norfolk-fast-track-1")).contains("2026-01-06 STAGE_CHANGED second-meeting-invited -> atp");
        assertThat(f.story(under + "-" + URN + "-norfolk-fast-track-1")).contains("2026-01-06 CLOSED IMPROVED");
    }
}
