package io.attendance.streams.cases;

import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a court would probe, on Norfolk 001 (9 unauthorised sessions within 6 school weeks) and the
 * national penalty notice (10 in 10 school weeks), 2025/26 calendar: registers amended after a decision,
 * a mark first recorded after its day, a day closed after its registers.
 */
class DecisionEdgesScenarioTest {
    static final String URN = "100020";
    static final School SCHOOL = DemoCalendars.year2025(URN, "Marshside Primary", "norfolk-guidance", 96);
    final CaseFixture f = new CaseFixture(SCHOOL, LocalDate.parse("2025-09-03"));

    @AfterEach
    void close() {
        f.close();
    }

    private static String fastTrack(String upn) {
        return upn + "-" + URN + "-norfolk-fast-track-1";
    }

    @Test
    void a_snow_day_closed_after_its_registers_and_recoded_Y4_stops_its_absences_counting_and_no_case_opens() {
        String upn = Upn.of(938, 8201, 25, 1);
        f.enrol(upn);
        f.absent(upn, "2025-11-17", "2025-11-20", "O"); // Mon–Thu: 8 unauthorised sessions
        f.sessions(upn, "2025-11-21", "O", "/");        // Fri AM: the 9th
        f.runTo("2025-11-20");
        // Thu 20 Nov evening: the school records the day as closed by snow and re-codes its registers Y4.
        List<LocalDate> closures = new ArrayList<>(SCHOOL.getClosures());
        closures.add(LocalDate.parse("2025-11-20"));
        f.updateSchool(School.newBuilder().setUrn(URN).setName(SCHOOL.getName()).setLa(SCHOOL.getLa()).setPolicy(SCHOOL.getPolicy())
                .setExpectedAttendancePct(96).setTerms(SCHOOL.getTerms()).setClosures(closures).build());
        f.amend(upn, "2025-11-20", Session.AM, "Y4");
        f.amend(upn, "2025-11-20", Session.PM, "Y4");
        f.runTo("2025-11-28");
        // 6 + 1 unauthorised sessions: the 9 the rule needs were never reached (the Y4s went to no dead-letter topic).
        assertThat(f.openedCases()).doesNotContain(fastTrack(upn));
        assertThat(f.deadLetteredMarks()).isZero();
    }

    @Test
    void a_mark_first_recorded_after_its_day_ended_decides_at_the_end_of_the_day_it_arrives_not_back_dated() {
        String upn = Upn.of(938, 8201, 25, 2);
        f.enrol(upn);
        f.absent(upn, "2025-09-15", "2025-09-18", "O"); // 8
        f.sessions(upn, "2025-09-19", "-", "/");          // Fri 19 Sep AM: not recorded that day
        f.runTo("2025-09-23");
        assertThat(f.openedCases()).doesNotContain(fastTrack(upn));
        f.amend(upn, "2025-09-19", Session.AM, "O");      // recorded on Wed 24 Sep: the 9th session
        f.runTo("2025-09-24");
        assertThat(f.story(fastTrack(upn))).startsWith("2025-09-24 OPENED before-start");
        assertThat(f.events(fastTrack(upn)).get(0).getDetail())
                .startsWith("trigger: unauthorised_sessions over 6 school weeks >= 9 (unauthorised_sessions over 6 school weeks is 9)");
    }

    @Test
    void an_amendment_after_the_case_opened_changes_later_decisions_never_the_record_of_why_it_opened() {
        String upn = Upn.of(938, 8201, 25, 3);
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O"); // 10 unauthorised: opens Tue 9 Sep
        f.runTo("2025-09-09");
        String c = fastTrack(upn);
        String opened = f.events(c).get(0).getDetail();
        assertThat(opened).contains("(unauthorised_sessions over 6 school weeks is 10)");
        f.act(c, "start-fast-track", "2025-11-10", "siblingsConsidered", "no", "aeoConsulted", "yes",
                "meetingDate", "2025-11-17", "meetingTime", "15:30", "place", "room 2", "attendees", "Head");
        f.act(c, "initial-meeting", "2025-11-17", "allParentsAttended", "yes", "target", "95%", "reviewDate", "2025-12-03");
        f.act(c, "send-review-invite", "2025-11-24", "meetingDate", "2025-12-03", "meetingTime", "09:00", "place", "room 2", "attendees", "AEO");
        f.absent(upn, "2025-11-25", "2025-11-25", "O");   // further unauthorised absence after the first meeting ...
        f.runTo("2025-11-26");
        f.amend(upn, "2025-11-25", Session.AM, "I");       // ... retracted: the parent gave the reason (illness)
        f.amend(upn, "2025-11-25", Session.PM, "I");
        // Also retracted before the first meeting: the opening sessions of 3–4 Sep (the case's past stays as it was).
        for (String d : new String[]{"2025-09-03", "2025-09-04"}) {
            f.amend(upn, d, Session.AM, "I");
            f.amend(upn, d, Session.PM, "I");
        }
        f.act(c, "review-meeting", "2025-12-03", "allParentsAttended", "yes", "outcome", "further-unauthorised-absence");
        assertThat(f.events(c).get(f.events(c).size() - 1).getDetail())
                .startsWith("Further unauthorised absence needs an unauthorised session since the initial Fast Track meeting")
                .contains("is 0");
        assertThat(f.events(c).get(0).getDetail()).isEqualTo(opened); // the record of why it opened is unchanged
        assertThat(f.caseState(c).getStage()).isEqualTo("review-invited");
    }

    @Test
    void registers_retracted_after_a_closure_leave_the_closed_case_and_its_history_as_they_were() {
        String upn = Upn.of(938, 8201, 25, 4);
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O");
        f.runTo("2025-09-09");
        String c = fastTrack(upn);
        f.act(c, "do-not-start", "2025-09-12", "reason", "early help plan in place");
        int events = f.events(c).size();
        for (String d : new String[]{"2025-09-03", "2025-09-04", "2025-09-05", "2025-09-08", "2025-09-09"}) {
            f.amend(upn, d, Session.AM, "I");
            f.amend(upn, d, Session.PM, "I");
        }
        f.runTo("2025-10-24");
        assertThat(f.events(c)).hasSize(events);
        assertThat(f.caseState(c).getClosureCode()).isEqualTo("NOT-STARTED");
        assertThat(f.openedCases()).containsOnlyOnce(c);
    }
}
