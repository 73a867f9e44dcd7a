package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A registry the service cannot use stops it before anything starts, with one line saying which setting and why. */
class SchemaRegistrySettingTest {
    @Test
    void a_schema_registry_that_does_not_answer_stops_the_service_with_exit_2_naming_the_setting() {
        String url = "http://localhost:" + EmbeddedBroker.freePort();
        RunExit r = RunExit.of(RunExit.SECRETS, "--no-demo", "--schema-registry", url, "--data-dir",
                TestNodes.scratch("registry-refused").toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).contains("schema registry " + url).contains("cannot check compatibility with marks-value")
                .contains("ATTENDANCE_SCHEMA_REGISTRY_URL");
    }
}
