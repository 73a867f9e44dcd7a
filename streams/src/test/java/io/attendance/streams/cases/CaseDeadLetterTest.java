package io.attendance.streams.cases;

import io.attendance.schemas.CaseAction;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.contract.DeadLetters;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad records on the clock and case-actions topics go to their dead-letter topics with the reason; the engine carries on. */
class CaseDeadLetterTest {

    @Test
    void an_unreadable_tick_and_an_action_for_another_pupils_case_are_dead_lettered_and_the_next_day_still_ends() {
        try (CaseFixture f = new CaseFixture(DemoCalendars.year2025("100012", "Brookside", "norfolk-guidance", 96), LocalDate.parse("2025-09-03"))) {
            String upn = Upn.of(938, 9101, 25, 1);
            f.enrol(upn);
            f.absent(upn, "2025-09-03", "2025-09-09", "O"); // the 9th and 10th unauthorised sessions on Tue 9 Sep
            TestOutputTopic<byte[], byte[]> clockDlq = f.driver.createOutputTopic(f.topics.clockDlq.name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<byte[], byte[]> actionsDlq = f.driver.createOutputTopic(f.topics.caseActionsDlq.name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            f.driver.createInputTopic(f.topics.clock.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput(new TestRecord<>("100012|2025-09-02".getBytes(StandardCharsets.UTF_8), "not a tick".getBytes(StandardCharsets.UTF_8)));
            f.pipe(CaseAction.newBuilder().setActionId("a-1").setUpn(upn).setCaseId("E801200125001-100012-norfolk-fast-track-1")
                    .setAction("send-pre-legal-warning").setDate(LocalDate.parse("2025-09-02")).setFields(Map.of()).build());
            f.runTo("2025-09-09");

            var badTick = clockDlq.readRecord();
            assertThat(DeadLetters.reasonOf(badTick.headers())).startsWith("value: ");
            assertThat(new String(badTick.value(), StandardCharsets.UTF_8)).isEqualTo("not a tick");
            assertThat(DeadLetters.reasonOf(actionsDlq.readRecord().headers()))
                    .isEqualTo("case 'E801200125001-100012-norfolk-fast-track-1' is not a case of this pupil");
            assertThat(f.story(upn + "-100012-norfolk-fast-track-1")).startsWith("2025-09-09 OPENED before-start");
        }
    }
}
