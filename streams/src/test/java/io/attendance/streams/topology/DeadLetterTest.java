package io.attendance.streams.topology;

import io.attendance.contract.DeadLetters;
import io.attendance.contract.MarkKey;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.attendance.core.testing.DemoCalendars.RIVERSIDE;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {
    private static final String PUPIL = Upn.of(926, 2001, 25, 2);
    private final TopologyFixture f = new TopologyFixture(DemoCalendars.riverside());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void badMarksGoToTheDeadLetterTopicWithTheirReasonAndTheStreamKeepsCounting() {
        f.mark(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "A");                  // unknown code
        f.mark(RIVERSIDE, PUPIL, "2025-09-06", Session.AM, "/");                  // Saturday
        f.mark("999999", PUPIL, "2025-09-08", Session.AM, "/");                   // unknown school
        f.mark(RIVERSIDE, "E801200125002", "2025-09-08", Session.AM, "/");        // bad check letter
        f.rawMarks.pipeInput("100001|X|2025-09-08|AM".getBytes(StandardCharsets.UTF_8), new byte[]{1, 2, 3});
        f.rawMarks.pipeInput("not a key".getBytes(StandardCharsets.UTF_8), new byte[]{1});
        RegisterMark other = new RegisterMark(PUPIL, RIVERSIDE, LocalDate.parse("2025-09-09"), Session.AM, "/",
                Instant.parse("2025-09-09T09:00:00Z"), "test");
        f.marks.pipeInput(new TestRecord<>(new MarkKey(RIVERSIDE, PUPIL, LocalDate.parse("2025-09-08"), Session.AM).format(), other));
        f.mark(RIVERSIDE, PUPIL, "2025-09-08", Session.PM, "\\");                 // good: counted

        List<String> reasons = f.dlq.readRecordsToList().stream()
                .map(r -> DeadLetters.reasonOf(r.headers())).toList();
        assertThat(reasons).containsExactly(
                "code: unknown attendance code 'A'",
                "date: 2025-09-06 is not a school day of school 100001 (a day closed after its registers takes only a code for a session that was not possible, e.g. Y4 or #)",
                "urn: unknown school 999999: PUT /api/v1/schools/999999 first",
                "upn: UPN check letter does not match the other 12 characters",
                "value: cannot read RegisterMark: Not enough header bytes",
                "key: key must be urn|upn|date|session",
                "key does not match the mark's urn, upn, date and session");
        assertThat(f.stats(DemoCalendars.riverside(), PUPIL).yearToDate()).isEqualTo(new SessionCounts(1, 1, 0, 0));
    }
}
