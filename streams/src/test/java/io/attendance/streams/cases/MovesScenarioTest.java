package io.attendance.streams.cases;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pupil moves school (the LA confirms a move to Hillside from Mon 6 Oct 2025): each open case follows
 * its procedure's onMove rule — the old school's Fast Track closes (MOVED), the penalty-notice case,
 * the LA's, follows the pupil with its timers.
 */
class MovesScenarioTest {
    static final String RIVERSIDE = "100011";
    static final String HILLSIDE = "100012";
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(RIVERSIDE, "Riverside Primary", "norfolk-guidance", 96), LocalDate.parse("2025-09-03"));
    final String upn = Upn.of(938, 8101, 25, 1);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void a_confirmed_move_closes_the_old_schools_fast_track_and_the_penalty_notice_case_follows_the_pupil() {
        f.addSchool(DemoCalendars.year2025(HILLSIDE, "Hillside Academy", "apws", 96));
        f.enrol(upn);
        f.absent(upn, "2025-09-03", "2025-09-09", "O"); // 10 unauthorised sessions by Tue 9 Sep
        f.runTo("2025-09-09");
        String fastTrack = upn + "-" + RIVERSIDE + "-norfolk-fast-track-1";
        String penalty = upn + "-" + RIVERSIDE + "-national-penalty-notice-1";
        assertThat(f.openedCases()).contains(fastTrack, penalty);
        f.move(upn, HILLSIDE, "2025-10-06");
        assertThat(f.story(fastTrack)).endsWith("2025-10-06 ACTION_RECORDED pupil-moved", "2025-10-06 CLOSED MOVED");
        assertThat(f.caseState(fastTrack).getUrn()).isEqualTo(RIVERSIDE);
        CaseEvent moved = f.events(penalty).stream().filter(e -> "pupil-moved".equals(e.getAction())).findFirst().orElseThrow();
        assertThat(moved.getDetail()).startsWith("the pupil moved to school " + HILLSIDE + " from 2025-10-06").endsWith("the case continues there");
        assertThat(moved.getUrn()).isEqualTo(HILLSIDE);
        assertThat(f.caseState(penalty).getStatus()).isEqualTo("open");
        assertThat(f.caseState(penalty).getUrn()).isEqualTo(HILLSIDE);
        // Its timers now run on the new school's clock: a notice on Tue 7 Oct, 28 days to Tue 4 Nov.
        f.act(penalty, "issue-notice", "2025-10-07", "parentId", "P1");
        f.runTo("2025-11-04");
        assertThat(f.story(penalty)).contains("2025-11-04 DEADLINE_REACHED 28-day payment period ends");
        // No second penalty case opens at Hillside while the transferred one is open.
        assertThat(f.openedCases()).doesNotContain(upn + "-" + HILLSIDE + "-national-penalty-notice-1");
        assertThat(f.events(penalty)).noneMatch(e -> e.getType() == CaseEventType.CLOSED);
    }
}
