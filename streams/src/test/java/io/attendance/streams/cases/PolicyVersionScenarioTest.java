package io.attendance.streams.cases;

import io.attendance.schemas.School;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A school that names the family "norfolk-fast-track" rather than a version: seed 001's guidance
 * (version 1) is in force until the quick guide (version 2) takes effect on 2 Sep 2024.
 */
class PolicyVersionScenarioTest {
    static final String URN = "100011";
    static final School SCHOOL = School.newBuilder().setUrn(URN).setName("Fenside").setLa("Norfolk")
            .setPolicy("norfolk-fast-track").setExpectedAttendancePct(96)
            .setTerms(List.of(DemoCalendars.term("2024-06-03", "2024-07-19"), DemoCalendars.term("2024-09-03", "2024-12-20")))
            .setClosures(List.of()).build();
    final CaseFixture f = new CaseFixture(SCHOOL, LocalDate.parse("2024-06-03"));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void a_case_opened_under_the_guidance_keeps_it_after_the_quick_guide_takes_effect_while_new_cases_get_the_quick_guide() {
        String before = Upn.of(938, 9001, 24, 1);
        String after = Upn.of(938, 9001, 24, 2);
        f.enrol(before);
        f.enrol(after);
        f.absent(before, "2024-06-03", "2024-06-07", "O"); // 10 unauthorised sessions in 6 school weeks: seed 001's trigger
        f.absent(after, "2024-09-03", "2024-09-03", "O");
        f.openByHand(after, "2024-09-03", "norfolk-fast-track", "new school year"); // the family: its version in force that day
        f.runTo("2024-09-09");
        String oldCase = before + "-" + URN + "-norfolk-fast-track-1";
        String newCase = after + "-" + URN + "-norfolk-fast-track-1";
        assertThat(f.caseState(oldCase).getPolicy()).isEqualTo("norfolk-guidance");
        assertThat(f.caseState(oldCase).getPolicyVersion()).isEqualTo(1);
        assertThat(f.caseState(newCase).getPolicy()).isEqualTo("norfolk-quick-guide");
        assertThat(f.caseState(newCase).getPolicyVersion()).isEqualTo(2);
        // Version 1's own action still runs on the old case in September; version 2 has no such action.
        f.act(oldCase, "start-fast-track", "2024-09-10", "siblingsConsidered", "no", "aeoConsulted", "yes",
                "meetingDate", "2024-09-17", "meetingTime", "10:00", "place", "Fenside", "attendees", "Head");
        assertThat(f.story(oldCase)).contains("2024-09-10 STAGE_CHANGED before-start -> initial-invited");
        f.act(newCase, "start-fast-track", "2024-09-10", "siblingsConsidered", "no");
        assertThat(f.story(newCase)).contains("2024-09-10 ACTION_REFUSED start-fast-track");
    }
}
