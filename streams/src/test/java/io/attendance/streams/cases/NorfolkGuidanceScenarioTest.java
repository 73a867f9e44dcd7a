package io.attendance.streams.cases;

import io.attendance.schemas.CaseEventType;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 (Norfolk guidance, version 1 of the Norfolk procedure) on the 2025/26 calendar.
 * Working days skip weekends and bank holidays (25, 26 Dec 2025 and 1 Jan 2026), not school holidays.
 */
class NorfolkGuidanceScenarioTest {
    static final String URN = "100010";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Marshside Primary", "norfolk-guidance", 96), LocalDate.parse("2025-09-03"));
    final String upn = Upn.of(938, 8001, 25, 1);
    final String caseId = upn + "-" + URN + "-norfolk-fast-track-1";

    @AfterEach
    void close() {
        f.close();
    }

    private String lastDetail() {
        var events = f.events(caseId);
        return events.get(events.size() - 1).getDetail();
    }

    /**
     * Unauthorised Wed 3 – Tue 9 Sep: the 9th and 10th sessions on Tue 9 Sep (seed 001's "9 sessions"):
     * opens that day. Fast Track starts Mon 10 Nov with the
     * meeting on Mon 17 Nov (5 working days: 11–14, 17 Nov); a parent is absent; review agreed for Wed 3 Dec.
     */
    private void upToTheReview() {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O");
        f.runTo("2025-09-09");
        assertThat(f.story(caseId)).startsWith("2025-09-09 OPENED before-start");
        assertThat(f.caseState(caseId).getPolicy()).isEqualTo("norfolk-guidance");
        f.act(caseId, "start-fast-track", "2025-11-10", "siblingsConsidered", "yes", "aeoConsulted", "yes",
                "meetingDate", "2025-11-14", "meetingTime", "15:30", "place", "Marshside, room 2", "attendees", "Head; AEO");
        assertThat(lastDetail()).isEqualTo("meetingDate: 2025-11-14 is too soon: at least 5 working days notice from 2025-11-10 "
                + "is needed; the earliest valid date is 2025-11-17");
        f.act(caseId, "start-fast-track", "2025-11-10", "siblingsConsidered", "yes", "aeoConsulted", "yes",
                "meetingDate", "2025-11-17", "meetingTime", "15:30", "place", "Marshside, room 2", "attendees", "Head; AEO");
        f.act(caseId, "initial-meeting", "2025-11-17", "allParentsAttended", "no", "parentsPresent", "p1",
                "target", "no unauthorised absence", "reviewDate", "2025-12-03");
        // 5 working days after Wed 26 Nov: 27, 28 Nov, 1, 2, 3 Dec.
        f.act(caseId, "send-review-invite", "2025-11-26", "meetingDate", "2025-12-03", "meetingTime", "09:00",
                "place", "Marshside, room 2", "attendees", "Head; AEO");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-11-10 ACTION_REFUSED start-fast-track",
                "2025-11-10 LETTER_REQUESTED Initial invite",
                // 12 school weeks after Mon 10 Nov: 17 Nov ... 15 Dec (5), (Christmas) 5 Jan ... 9 Feb (11), (half-term) 23 Feb.
                "2025-11-10 TASK_CREATED Conclude Fast Track (generally within 12 weeks) due 2026-02-23",
                "2025-11-10 STAGE_CHANGED before-start -> initial-invited",
                "2025-11-17 LETTER_REQUESTED Minutes covering letter",
                "2025-11-17 STAGE_CHANGED initial-invited -> review-agreed",
                "2025-11-26 LETTER_REQUESTED Review invite",
                "2025-11-26 STAGE_CHANGED review-agreed -> review-invited");
        // The minutes letter is not an invitation: it does not repeat the initial meeting's date and place.
        var minutes = f.events(caseId).stream().filter(e -> "Minutes covering letter".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(minutes.getFields()).doesNotContainKeys("meetingDate", "meetingTime", "place", "attendees");
        // Seed 001: each parent not present is written to separately — every parent but p1, who attended.
        assertThat(minutes.getFields()).containsEntry("letterTo", "parents-except:parentsPresent").containsEntry("parentsPresent", "p1");
        // The review invite carries its own meeting and the prosecution period's figures to that day:
        // 3 Sep – Wed 26 Nov as recorded when the invite was sent that day: 54 school days with registers (20 in
        // Sep, 18 in Oct, 4–25 Nov less the INSET day 16; 26 Nov's not yet taken), 10 of 108 sessions unauthorised = 9.26%.
        var review = f.events(caseId).stream().filter(e -> "Review invite".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(review.getFields()).containsEntry("meetingDate", "2025-12-03").containsEntry("evidence.from", "2025-09-03")
                .containsEntry("evidence.to", "2025-11-26").containsEntry("evidence.possible", "108")
                .containsEntry("evidence.unauthorised", "10").containsEntry("evidence.unauthorisedPct", "9.26%");
    }

    @Test
    void review_outcome_target_met_closes_the_case_with_an_outcome_letter() {
        upToTheReview();
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "target-met");
        assertThat(f.story(caseId)).endsWith("2025-12-03 LETTER_REQUESTED Outcome letter", "2025-12-03 CLOSED TARGET-MET");
    }

    @Test
    void review_outcome_statutory_defence_closes_with_a_step_down_plan() {
        upToTheReview();
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "statutory-defence");
        assertThat(f.story(caseId)).endsWith(
                "2025-12-03 LETTER_REQUESTED Outcome letter",
                "2025-12-03 TASK_CREATED Manage outstanding issues through the agreed step-down plan",
                "2025-12-03 CLOSED STATUTORY-DEFENCE");
    }

    @Test
    void review_outcome_further_unauthorised_absence_refers_to_the_LA_with_the_ATP_due_in_20_working_days_over_christmas() {
        upToTheReview();
        f.absent(upn, "2025-12-01", "2025-12-01", "O"); // after the initial meeting of 17 Nov: further unauthorised absence
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "no", "outcome", "further-unauthorised-absence");
        // 20 working days after Wed 3 Dec: 4, 5, 8–12, 15–19, 22–24, 29–31 Dec, 2 Jan, Mon 5 Jan 2026.
        f.runTo("2026-01-05");
        f.act(caseId, "atp-submitted", "2026-01-06");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-03 STAGE_CHANGED review-invited -> legal-referral",
                "2025-12-03 TASK_CREATED Complete the Attendance Case Management Form and Application to Prosecute; submit with the evidence pack due 2026-01-05",
                "2026-01-05 DEADLINE_MISSED Complete the Attendance Case Management Form and Application to Prosecute; submit with the evidence pack",
                "2026-01-06 CLOSED REFERRED");
    }

    @Test
    void review_outcome_some_improvement_sets_an_internal_review_within_6_school_weeks_which_decides() {
        upToTheReview();
        // 6 school weeks after Wed 3 Dec: 10, 17 Dec, (two holiday weeks) 7, 14, 21, 28 Jan → by 28 Jan.
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "some-improvement",
                "internalReviewDate", "2026-02-04");
        assertThat(lastDetail()).isEqualTo("internalReviewDate: 2026-02-04 is too late: it must be within 6 school weeks of 2025-12-03, by 2026-01-28");
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "some-improvement");
        assertThat(lastDetail()).startsWith("Some improvement needs the specified date of the internal review");
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "some-improvement",
                "internalReviewDate", "2026-01-14");
        f.act(caseId, "internal-review", "2026-01-14", "decision", "close");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-03 STAGE_CHANGED review-invited -> internal-review",
                "2025-12-03 TASK_CREATED Hold the internal review and decide whether to prosecute due 2026-01-14",
                "2026-01-14 LETTER_REQUESTED Internal review decision letter",
                "2026-01-14 CLOSED IMPROVED");
    }

    @Test
    void a_parent_with_a_reasonable_reason_gets_a_new_date_and_an_unreasonable_one_does_not_stop_the_meeting() {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O"); // 10 unauthorised sessions: opens Tue 9 Sep
        // Invite sent Fri 19 Dec: 22, 23, 24, (25, 26 bank holidays), 29, 30 Dec → earliest Tue 30 Dec.
        f.act(caseId, "start-fast-track", "2025-12-19", "siblingsConsidered", "no", "aeoConsulted", "yes",
                "meetingDate", "2025-12-29", "meetingTime", "10:00", "place", "Marshside", "attendees", "Head");
        assertThat(lastDetail()).endsWith("the earliest valid date is 2025-12-30");
        f.act(caseId, "start-fast-track", "2025-12-19", "siblingsConsidered", "no", "aeoConsulted", "yes",
                "meetingDate", "2026-01-07", "meetingTime", "10:00", "place", "Marshside", "attendees", "Head");
        f.act(caseId, "parent-cannot-attend", "2026-01-05", "reasonable", "yes", "meetingDate", "2026-01-12");
        f.act(caseId, "parent-cannot-attend", "2026-01-08", "reasonable", "no");
        f.runTo("2026-01-09");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-19 TASK_CREATED Hold the initial Fast Track to Attendance Panel due 2026-01-07",
                "2026-01-05 ACTION_RECORDED parent-cannot-attend",
                // the task to hold the meeting moves with it: nothing is missed on the old date, Wed 7 Jan
                "2026-01-05 TASK_CREATED Hold the initial Fast Track to Attendance Panel due 2026-01-12",
                "2026-01-05 LETTER_REQUESTED Initial invite (re-arranged)",
                "2026-01-08 ACTION_RECORDED parent-cannot-attend");
        assertThat(f.events(caseId)).noneMatch(e -> e.getType() == CaseEventType.DEADLINE_MISSED);
        // The re-arranged letter carries the new date (and the time and place already set).
        var rearranged = f.events(caseId).stream().filter(e -> "Initial invite (re-arranged)".equals(e.getLetterId())).findFirst().orElseThrow();
        assertThat(rearranged.getFields()).containsEntry("meetingDate", "2026-01-12").containsEntry("meetingTime", "10:00")
                .containsEntry("place", "Marshside");
        assertThat(f.caseState(caseId).getStage()).isEqualTo("initial-invited");
        assertThat(f.events(caseId).stream().filter(e -> e.getType() == CaseEventType.LETTER_REQUESTED)).hasSize(2);
    }

    @Test
    void unauthorised_absence_on_the_first_day_of_term_is_not_9_sessions_within_a_6_week_period() {
        // Wed 3 Sep: 2 of 2 sessions unauthorised is 100%, but 2 sessions; present every other day of the half-term.
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-03", "O");
        f.runTo("2025-10-24");
        assertThat(f.openedCases()).doesNotContain(caseId);
    }

    @Test
    void nine_unauthorised_sessions_within_6_school_weeks_start_fast_track_the_day_the_ninth_is_recorded() {
        // Mon 15 – Thu 18 Sep: 8 sessions (on Tue 16 Sep already 4 of 20 = 20% of what the term had); Fri 19 Sep AM: the 9th.
        f.enrol(upn);
        f.absent(upn, "2025-09-15", "2025-09-18", "O");
        f.sessions(upn, "2025-09-19", "O", "/");
        f.runTo("2025-09-18");
        assertThat(f.openedCases()).doesNotContain(caseId);
        f.runTo("2025-09-19");
        assertThat(f.story(caseId)).startsWith("2025-09-19 OPENED before-start");
    }

    @Test
    void further_unauthorised_absence_cannot_be_recorded_without_an_unauthorised_session_since_the_first_meeting() {
        upToTheReview(); // unauthorised only 3–9 Sep; the initial meeting was Mon 17 Nov
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "further-unauthorised-absence");
        assertThat(lastDetail()).startsWith("Further unauthorised absence needs an unauthorised session since the initial Fast Track meeting")
                .contains("unauthorised_sessions over since entering review-agreed is 0");
        assertThat(f.caseState(caseId).getStage()).isEqualTo("review-invited");
    }

    @Test
    void the_internal_review_refers_for_legal_action_only_on_unauthorised_absence_in_its_period() {
        upToTheReview();
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "some-improvement",
                "internalReviewDate", "2026-01-14");
        f.act(caseId, "internal-review", "2026-01-09", "decision", "refer-for-legal-action");
        assertThat(lastDetail()).startsWith("A referral for legal action after the internal review needs unauthorised absence");
        f.absent(upn, "2026-01-12", "2026-01-12", "O");
        f.act(caseId, "internal-review", "2026-01-14", "decision", "refer-for-legal-action");
        assertThat(f.story(caseId)).contains("2026-01-14 STAGE_CHANGED internal-review -> legal-referral");
    }

    @Test
    void the_review_invite_is_for_the_date_agreed_at_the_initial_meeting_or_earlier() {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O");
        f.act(caseId, "start-fast-track", "2025-11-10", "siblingsConsidered", "yes", "aeoConsulted", "yes",
                "meetingDate", "2025-11-17", "meetingTime", "15:30", "place", "room 2", "attendees", "Head; AEO");
        f.act(caseId, "initial-meeting", "2025-11-17", "allParentsAttended", "yes", "target", "95%", "reviewDate", "2025-12-03");
        f.act(caseId, "send-review-invite", "2025-11-24", "meetingDate", "2025-12-05", "meetingTime", "09:00", "place", "room 2", "attendees", "AEO");
        assertThat(lastDetail()).isEqualTo("meetingDate: 2025-12-05 is too late: it must be on or before reviewDate (2025-12-03)");
        f.act(caseId, "send-review-invite", "2025-11-24", "meetingDate", "2025-12-03", "meetingTime", "09:00", "place", "room 2", "attendees", "AEO");
        assertThat(f.caseState(caseId).getStage()).isEqualTo("review-invited");
    }

    @Test
    void the_internal_review_falls_inside_the_26_week_prosecution_period() {
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O");
        f.runTo("2025-09-09");
        // Opened Tue 9 Sep; its 6 school weeks reach back to the first day of term, Wed 3 Sep:
        // the period is 3 Sep 2025 – Tue 3 Mar 2026 (26 weeks), information laid by 3 Mar 2026 (six months).
        assertThat(f.events(caseId).get(0).getDetail()).endsWith("prosecution period 2025-09-03 to 2026-03-03 (lay any information by 2026-03-03)");
        f.act(caseId, "start-fast-track", "2026-01-05", "siblingsConsidered", "yes", "aeoConsulted", "yes",
                "meetingDate", "2026-01-12", "meetingTime", "15:30", "place", "room 2", "attendees", "Head; AEO");
        f.act(caseId, "initial-meeting", "2026-01-12", "allParentsAttended", "yes", "target", "95%", "reviewDate", "2026-02-02");
        f.act(caseId, "send-review-invite", "2026-01-26", "meetingDate", "2026-02-02", "meetingTime", "09:00", "place", "room 2", "attendees", "AEO");
        // Within 6 school weeks of 2 Feb (to late March), but 4 Mar is past the prosecution period.
        f.act(caseId, "review-meeting", "2026-02-02", "allParentsAttended", "yes", "outcome", "some-improvement", "internalReviewDate", "2026-03-04");
        assertThat(lastDetail()).isEqualTo("internalReviewDate: 2026-03-04 is too late: it must be on or before end of prosecution period (2026-03-03)");
        f.act(caseId, "review-meeting", "2026-02-02", "allParentsAttended", "yes", "outcome", "some-improvement", "internalReviewDate", "2026-03-03");
        assertThat(f.caseState(caseId).getStage()).isEqualTo("internal-review");
    }

    @Test
    void an_N_replaced_by_illness_the_next_morning_never_makes_the_9th_session_and_an_N_left_5_school_days_does() {
        // Mon 15 – Thu 18 Sep unauthorised (8 sessions); Fri 19 Sep AM coded N (reason not yet provided).
        String other = Upn.of(938, 8001, 25, 2);
        String otherCase = other + "-" + URN + "-norfolk-fast-track-1";
        for (String p : new String[]{upn, other}) {
            f.enrol(p);
            f.absent(p, "2025-09-15", "2025-09-18", "O");
            f.sessions(p, "2025-09-19", "N", "/");
        }
        f.runTo("2025-09-19");
        // End of Fri 19 Sep: 9 unauthorised-coded sessions, but the N is inside its grace: no case (today's code opened one).
        assertThat(f.openedCases()).isEmpty();
        f.amend(upn, "2025-09-19", io.attendance.schemas.Session.AM, "I"); // the parent rang: illness
        // 5 school days after Fri 19 Sep: 22, 23, 24, 25, 26 Sep. The other N is evidence at the end of Fri 26 Sep.
        f.runTo("2025-09-25");
        assertThat(f.openedCases()).isEmpty();
        f.runTo("2025-10-24");
        assertThat(f.story(otherCase)).startsWith("2025-09-26 OPENED before-start");
        assertThat(f.openedCases()).containsExactly(otherCase);
    }

    @Test
    void a_parent_not_present_at_the_review_meeting_is_sent_its_minutes_and_one_who_attended_is_not() {
        upToTheReview();
        // p1 came to the review, the other parents did not.
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "no", "parentsPresent", "p1", "outcome", "target-met");
        var letters = f.events(caseId).stream().filter(e -> e.getType() == CaseEventType.LETTER_REQUESTED && e.getDate().toString().equals("2025-12-03")).toList();
        assertThat(letters).extracting(e -> e.getLetterId()).containsExactly("Minutes covering letter", "Outcome letter");
        assertThat(letters.get(0).getFields()).containsEntry("letterTo", "parents-except:parentsPresent").containsEntry("parentsPresent", "p1");
        assertThat(letters.get(0).getLetterTitle()).isEqualTo("Minutes of the Fast Track review meeting you did not attend");
    }

    @Test
    void every_parent_present_at_the_review_meeting_means_no_minutes_letter() {
        upToTheReview();
        f.act(caseId, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "target-met");
        assertThat(f.story(caseId)).endsWith("2025-12-03 LETTER_REQUESTED Outcome letter", "2025-12-03 CLOSED TARGET-MET");
    }
}
