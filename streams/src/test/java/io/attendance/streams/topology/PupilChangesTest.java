package io.attendance.streams.topology;

import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' live feed reads the topology's own output, not a store's changelog. */
class PupilChangesTest {

    @Test
    void a_morning_register_of_two_pupils_is_told_to_the_pages_once_per_pupil_with_the_pupil_s_school() {
        School riverside = DemoCalendars.riverside();
        try (TopologyFixture f = new TopologyFixture(riverside)) {
            var changes = f.driver.createOutputTopic(f.topics.pupilChanges.name(), Serdes.String().deserializer(), Serdes.String().deserializer());
            // Three recordings of one pupil (a mark, its amendment, the afternoon) and one of another, within a second.
            f.mark(riverside.getUrn(), "E801200125001", "2025-09-03", Session.AM, "N");
            f.mark(riverside.getUrn(), "E801200125001", "2025-09-03", Session.AM, "I");
            f.mark(riverside.getUrn(), "E801200125001", "2025-09-03", Session.PM, "/");
            f.mark(riverside.getUrn(), "U801200125002", "2025-09-03", Session.AM, "/");
            assertThat(changes.isEmpty()).as("held until the second is up").isTrue();

            f.driver.advanceWallClockTime(Duration.ofSeconds(1));

            assertThat(changes.readKeyValuesToList()).containsExactly(
                    KeyValue.pair("E801200125001", riverside.getUrn()), KeyValue.pair("U801200125002", riverside.getUrn()));
        }
    }
}
