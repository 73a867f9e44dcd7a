package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A registry the service cannot use stops it before anything starts, with one line saying which setting and why. */
class SchemaRegistrySettingTest {
    @Test
    void a_schema_registry_that_does_not_answer_stops_the_service_with_exit_2_naming_the_setting() {
        String url = "http://localhost:" + EmbeddedBroker.freePort();
        RunCommand run = new RunCommand();
        run.env = Map.of("ATTENDANCE_ADMIN_KEY", "k".repeat(40), "ATTENDANCE_SESSION_SECRET", "s".repeat(40))::get;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(run).execute("--no-demo", "--schema-registry", url, "--data-dir",
                    TestNodes.scratch("registry-refused").toString(), "--port", "0");
        } finally {
            System.setErr(was);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("schema registry " + url)
                .contains("cannot check compatibility with marks-value").contains("ATTENDANCE_SCHEMA_REGISTRY_URL");
    }
}
