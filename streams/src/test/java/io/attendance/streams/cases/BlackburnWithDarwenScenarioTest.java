package io.attendance.streams.cases;

import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002 on the 2025/26 calendar, with the summer term before it (Mon 2 Jun – Tue 22 Jul 2025):
 * "This may fall over 2 terms", so a 10-school-week window in October reaches back into July, and a
 * pupil on the register since June has a whole one. School weeks: w1 = 3–5 Sep, w2 = 8 Sep ... w8 = 20 Oct,
 * half-term 27–31 Oct, w9 = 4–7 Nov (INSET Mon 3 Nov), w10 = 10 Nov ... w14 = 8 Dec. Expected attendance 96%.
 */
class BlackburnWithDarwenScenarioTest {
    static final String URN = "100005";
    static final io.attendance.schemas.School SCHOOL = withSummerTerm(DemoCalendars.year2025(URN, "Intack Primary", "blackburn-with-darwen", 96));
    final CaseFixture f = new CaseFixture(SCHOOL, LocalDate.parse("2025-06-02"));

    private static io.attendance.schemas.School withSummerTerm(io.attendance.schemas.School s) {
        java.util.List<io.attendance.schemas.Term> terms = new java.util.ArrayList<>();
        terms.add(DemoCalendars.term("2025-06-02", "2025-07-22"));
        terms.addAll(s.getTerms());
        s.setTerms(terms);
        return s;
    }

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * Unauthorised on Mondays 15, 22, 29 Sep, 6 and 13 Oct. End of Mon 13 Oct the 10 school weeks are those
     * of 7, 14, 21 Jul (Mon–Tue) and 1 Sep – 13 Oct: 24 + 58 = 82 sessions, 10 unauthorised, 72 attended =
     * 87.8% (≥ 80, < 96): the threshold is met that day, not on 6 Oct (8 unauthorised sessions).
     */
    private String breachesOn13October(String upn) {
        f.enrol(upn);
        for (String d : new String[]{"2025-09-15", "2025-09-22", "2025-09-29", "2025-10-06", "2025-10-13"}) f.absent(upn, d, d, "O");
        f.runTo("2025-10-12");
        String caseId = upn + "-" + URN + "-blackburn-with-darwen-1";
        assertThat(f.openedCases()).doesNotContain(caseId);
        f.runTo("2025-10-13");
        assertThat(f.story(caseId)).startsWith("2025-10-13 OPENED consideration");
        return caseId;
    }

    private void agreedAndOnThePathwayFrom16October(String caseId) {
        f.act(caseId, "inclusion-officer-decision", "2025-10-14", "noComplexities", "yes", "supportAttempted", "yes",
                "meetingHeldOrAttempted", "yes", "agreed", "yes");
        f.act(caseId, "pathway-meeting", "2025-10-16", "meetingDate", "2025-10-16", "parentsAttended", "yes");
    }

    @Test
    void no_improvement_in_each_10_school_day_period_sends_letters_2_3_4_5_then_the_case_goes_to_court() {
        String upn = Upn.of(889, 2001, 25, 1);
        String caseId = breachesOn13October(upn);
        f.absent(upn, "2025-10-22", "2025-10-22", "O"); // in the first period
        f.absent(upn, "2025-11-12", "2025-11-12", "O"); // in the second
        f.absent(upn, "2025-12-02", "2025-12-02", "O"); // in the third
        agreedAndOnThePathwayFrom16October(caseId);
        f.runTo("2025-12-05");
        f.act(caseId, "case-to-court", "2025-12-08");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-10-14 STAGE_CHANGED consideration -> pre-referral",
                "2025-10-14 LETTER_REQUESTED letter 1",
                "2025-10-16 STAGE_CHANGED pre-referral -> week-1",
                "2025-10-16 LETTER_REQUESTED letter 2",
                // 10 school days after Thu 16 Oct: 17, 20–24 Oct, (half-term, INSET 3 Nov), 4–7 Nov
                "2025-11-07 DEADLINE_REACHED first 10 school days of monitoring end",
                "2025-11-07 STAGE_CHANGED week-1 -> week-3",
                "2025-11-07 LETTER_REQUESTED letter 3",
                // 10 school days after Fri 7 Nov: 10–14, 17–21 Nov
                "2025-11-21 DEADLINE_REACHED week 3 monitoring ends",
                "2025-11-21 STAGE_CHANGED week-3 -> week-5",
                "2025-11-21 LETTER_REQUESTED letter 4",
                // 10 school days after Fri 21 Nov: 24–28 Nov, 1–5 Dec
                "2025-12-05 DEADLINE_REACHED week 5 monitoring ends",
                "2025-12-05 STAGE_CHANGED week-5 -> week-7",
                "2025-12-05 LETTER_REQUESTED letter 5",
                "2025-12-08 ACTION_RECORDED case-to-court",
                "2025-12-08 CLOSED COURT");
    }

    @Test
    void no_absence_for_two_10_school_day_periods_closes_ATI_with_a_joint_letter_then_a_new_breach_is_re_referred() {
        String upn = Upn.of(889, 2001, 25, 2);
        String caseId = breachesOn13October(upn);
        agreedAndOnThePathwayFrom16October(caseId);
        // Later absences: Mon 8 and Tue 9 Dec, unauthorised.
        f.absent(upn, "2025-12-08", "2025-12-09", "O");
        f.runTo("2025-12-09");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-11-07 DEADLINE_REACHED first 10 school days of monitoring end",
                "2025-11-07 STAGE_CHANGED week-1 -> week-1-continued",
                "2025-11-21 DEADLINE_REACHED further 10 school days of monitoring end",
                "2025-11-21 LETTER_REQUESTED joint letter",
                "2025-11-21 CLOSED ATI");
        // Re-referral: the threshold stopped holding when 15 Sep left the 10-week window (week of 1 Dec:
        // 8 unauthorised), and holds again at the end of Tue 9 Dec (29 Sep, 6 and 13 Oct, 8 and 9 Dec = 10).
        String second = upn + "-" + URN + "-blackburn-with-darwen-2";
        assertThat(f.story(second)).startsWith("2025-12-09 OPENED consideration");
        assertThat(f.events(second).get(0).getLinkedCase()).isEqualTo(caseId);
    }

    @Test
    void extension_letter_when_improving_slowly_then_no_absence_for_10_school_days_closes_ATI() {
        String upn = Upn.of(889, 2001, 25, 3);
        String caseId = breachesOn13October(upn);
        f.absent(upn, "2025-10-22", "2025-10-22", "O");
        agreedAndOnThePathwayFrom16October(caseId);
        f.act(caseId, "extension-letter", "2025-11-10", "reason", "improving-slowly");
        f.runTo("2025-11-24");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-11-07 STAGE_CHANGED week-1 -> week-3",
                "2025-11-10 ACTION_RECORDED extension-letter",
                "2025-11-10 STAGE_CHANGED week-3 -> extension-week-3",
                "2025-11-10 LETTER_REQUESTED letter 7",
                // 10 school days after Mon 10 Nov: 11–14, 17–21, Mon 24 Nov
                "2025-11-24 DEADLINE_REACHED extension monitoring ends",
                "2025-11-24 LETTER_REQUESTED joint letter",
                "2025-11-24 CLOSED ATI");
        assertThat(f.caseState(caseId).getLetters()).extracting(l -> l.getLetterId())
                .containsExactly("letter 1", "letter 2", "letter 3", "letter 7", "joint letter");
    }

    @Test
    void inclusion_officer_not_agreeing_closes_NOT_AGREED_with_further_support_and_school_can_close_SCH() {
        String a = Upn.of(889, 2001, 25, 4);
        String b = Upn.of(889, 2001, 25, 5);
        f.enrol(b);
        for (String d : new String[]{"2025-09-15", "2025-09-22", "2025-09-29", "2025-10-06", "2025-10-13"}) f.absent(b, d, d, "O");
        String caseA = breachesOn13October(a);
        String caseB = b + "-" + URN + "-blackburn-with-darwen-1";
        f.act(caseA, "inclusion-officer-decision", "2025-10-14", "noComplexities", "no", "supportAttempted", "yes",
                "meetingHeldOrAttempted", "yes", "agreed", "no");
        f.act(caseB, "close-at-school-request", "2025-10-15", "reason", "further information has come to light");
        assertThat(f.story(caseA)).containsSubsequence(
                "2025-10-14 TASK_CREATED Initiate further support and/or referrals to appropriate agencies",
                "2025-10-14 CLOSED NOT-AGREED");
        assertThat(f.story(caseB)).endsWith("2025-10-15 CLOSED SCH");
    }

    @Test
    void attendance_below_80_percent_is_not_a_fast_track_case() {
        String upn = Upn.of(889, 2001, 25, 6);
        f.enrol(upn);
        // Ill for two weeks (8–19 Sep, authorised), then unauthorised all week 22–26 Sep. When the 10th
        // unauthorised session comes (Fri 26 Sep) the 10 school weeks (16 Jun – 26 Sep) hold 90 sessions,
        // 60 attended = 66.7%: below 80%, so never within the seed's 80%–expected band with 10 unauthorised.
        f.absent(upn, "2025-09-08", "2025-09-19", "I");
        f.absent(upn, "2025-09-22", "2025-09-26", "O");
        f.runTo("2025-10-24");
        assertThat(f.openedCases()).noneMatch(id -> id.contains("blackburn-with-darwen"));
        assertThat(f.openedCases()).contains(upn + "-" + URN + "-national-penalty-notice-1"); // the national framework still applies
    }

    /** Week 7 reached on Fri 5 Dec (unauthorised absence in each 10-school-day period), as in the court scenario. */
    private String atWeek7(String upn) {
        String caseId = breachesOn13October(upn);
        for (String d : new String[]{"2025-10-22", "2025-11-12", "2025-12-02"}) f.absent(upn, d, d, "O");
        agreedAndOnThePathwayFrom16October(caseId);
        f.runTo("2025-12-05");
        assertThat(f.story(caseId)).contains("2025-12-05 STAGE_CHANGED week-5 -> week-7", "2025-12-05 LETTER_REQUESTED letter 5");
        return caseId;
    }

    @Test
    void at_week_7_a_decision_not_to_proceed_to_court_closes_ATI_with_the_joint_letter() {
        String caseId = atWeek7(Upn.of(889, 2001, 25, 6));
        f.act(caseId, "decide-not-to-prosecute", "2025-12-08", "reason", "attendance improved since the notice");
        assertThat(f.story(caseId)).endsWith("2025-12-08 LETTER_REQUESTED joint letter", "2025-12-08 CLOSED ATI");
    }

    @Test
    void an_extension_from_week_7_without_improvement_returns_to_the_court_decision_without_sending_letter_5_again() {
        String upn = Upn.of(889, 2001, 25, 7);
        String caseId = atWeek7(upn);
        f.act(caseId, "extension-letter", "2025-12-08", "reason", "exceptional-circumstances");
        f.absent(upn, "2025-12-10", "2025-12-10", "O");
        // 10 school days after Mon 8 Dec: 9–12, 15–19 Dec, (Christmas holiday) Mon 5 Jan.
        f.runTo("2026-01-05");
        f.act(caseId, "case-to-court", "2026-01-06");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-12-08 STAGE_CHANGED week-7 -> extension-week-7",
                "2025-12-08 LETTER_REQUESTED letter 7",
                "2026-01-05 DEADLINE_REACHED extension monitoring ends",
                "2026-01-05 STAGE_CHANGED extension-week-7 -> court-decision",
                "2026-01-06 CLOSED COURT");
        assertThat(f.caseState(caseId).getLetters()).extracting(l -> l.getLetterId())
                .containsExactly("letter 1", "letter 2", "letter 3", "letter 4", "letter 5", "letter 7");
    }

    @Test
    void an_extension_from_week_3_without_improvement_resumes_at_week_5_with_letter_4() {
        String upn = Upn.of(889, 2001, 25, 8);
        String caseId = breachesOn13October(upn);
        f.absent(upn, "2025-10-22", "2025-10-22", "O");
        agreedAndOnThePathwayFrom16October(caseId);
        f.act(caseId, "extension-letter", "2025-11-10", "reason", "absences-authorised");
        f.absent(upn, "2025-11-12", "2025-11-12", "O");
        f.runTo("2025-11-24");
        assertThat(f.story(caseId)).containsSubsequence(
                "2025-11-10 STAGE_CHANGED week-3 -> extension-week-3",
                "2025-11-24 DEADLINE_REACHED extension monitoring ends",
                "2025-11-24 STAGE_CHANGED extension-week-3 -> week-5",
                "2025-11-24 LETTER_REQUESTED letter 4");
    }
}
