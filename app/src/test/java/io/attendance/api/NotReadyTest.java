package io.attendance.api;

import io.attendance.contract.Publisher;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.streams.query.StreamsQueries;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Before the streams app runs (starting, rebalancing) the API says so instead of guessing. */
class NotReadyTest {
    @Test
    void queriesAnswer503WithRetryAfterAndHealthIs503UntilStreamsRun() {
        KafkaStreams streams = UnstartedApi.streams("not-ready");
        try {
            var app = UnstartedApi.api(streams);
            JavalinTest.test(app, (server, client) -> {
                // No credentials, or a key nobody issued: 401 before anything else is looked at.
                var anonymous = client.get("/api/v1/pupils/E801200125001");
                assertThat(anonymous.code()).isEqualTo(401);
                assertThat(anonymous.headers().get("WWW-Authenticate")).containsExactly("Bearer realm=\"attendance\"");
                assertThat(client.get("/api/v1/pupils/E801200125001", r -> r.header("Authorization", "Bearer guessed")).code()).isEqualTo(401);
                java.util.function.Consumer<io.javalin.testtools.Request.Builder> admin = r -> r.header("Authorization", "Bearer admin-key-for-test");
                var pupil = client.get("/api/v1/pupils/E801200125001", admin);
                assertThat(pupil.code()).isEqualTo(503);
                assertThat(pupil.headers().get("Retry-After")).containsExactly("1");
                assertThat(pupil.body().string()).contains("streams are CREATED");
                assertThat(client.get("/api/v1/schools/100001/pupils", admin).code()).isEqualTo(503);
                var health = client.get("/health");
                assertThat(health.code()).isEqualTo(503);
                assertThat(health.body().string()).isEqualTo("{\"status\":\"CREATED\"}");
                // An orchestrator's probes, without credentials: not ready (not serving), but alive (it will get there).
                assertThat(client.get("/health/ready").code()).isEqualTo(503);
                assertThat(client.get("/health/live").code()).isEqualTo(200);
                // Marks for a school this instance cannot see yet are refused, not queued blindly.
                var marks = client.post("/api/v1/marks",
                        "[{\"upn\":\"E801200125001\",\"urn\":\"100001\",\"date\":\"2025-09-08\",\"session\":\"AM\",\"code\":\"/\"}]", admin);
                assertThat(marks.code()).isEqualTo(400);
                assertThat(marks.body().string()).contains("unknown school 100001");
            });
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
    }

    /** A streams app that has stopped for good fails liveness (restart the pod); readiness fails with it. */
    @Test
    void a_stopped_streams_app_fails_the_liveness_probe() {
        KafkaStreams streams = UnstartedApi.streams("not-running");
        streams.close(Duration.ofSeconds(5)); // CREATED -> NOT_RUNNING
        JavalinTest.test(UnstartedApi.api(streams), (server, client) -> {
            var live = client.get("/health/live");
            assertThat(live.code()).isEqualTo(503);
            assertThat(live.body().string()).isEqualTo("{\"status\":\"NOT_RUNNING\"}");
            assertThat(client.get("/health/ready").code()).isEqualTo(503);
        });
    }
}
