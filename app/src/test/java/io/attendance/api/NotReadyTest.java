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
    private static final AttendanceQueries.Instance LOCAL = new AttendanceQueries.Instance("localhost", 1);
    private static final Publisher NOWHERE = new Publisher() {
        @Override
        public void publishMarks(List<RegisterMark> marks) {
            throw new AssertionError("nothing may be published");
        }

        @Override
        public void publishSchool(School school) {
            throw new AssertionError("nothing may be published");
        }

        @Override
        public void publishCaseAction(io.attendance.schemas.CaseAction action) {
        }

        @Override
        public void publishContacts(io.attendance.schemas.PupilContacts contacts) {
        }

        @Override
        public void publishRollChange(io.attendance.schemas.RollChange change) {
            throw new AssertionError("nothing may be published");
        }
    };

    @Test
    void queriesAnswer503WithRetryAfterAndHealthIs503UntilStreamsRun() {
        KafkaStreams streams = streams("not-ready");
        try {
            var app = api(streams);
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
        KafkaStreams streams = streams("not-running");
        streams.close(Duration.ofSeconds(5)); // CREATED -> NOT_RUNNING
        JavalinTest.test(api(streams), (server, client) -> {
            var live = client.get("/health/live");
            assertThat(live.code()).isEqualTo(503);
            assertThat(live.body().string()).isEqualTo("{\"status\":\"NOT_RUNNING\"}");
            assertThat(client.get("/health/ready").code()).isEqualTo(503);
        });
    }

    private static final TopologySettings SETTINGS = new TopologySettings(CodeTable.standard(), List.of(6, 10), 6);

    /** A streams app against no broker, never started: it stays CREATED until closed. */
    private static KafkaStreams streams(String name) {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, name + "-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", name).toAbsolutePath().toString());
        return new KafkaStreams(AttendanceTopology.build(new Topics(serdes), serdes, SETTINGS), p);
    }

    /** The API over that app, with the admin key "admin-key-for-test". */
    private static io.javalin.Javalin api(KafkaStreams streams) {
        var security = new ApiSettings.Security(io.attendance.api.auth.Accounts.none().withAdminKey("admin-key-for-test"),
                io.attendance.api.auth.SessionTokens.of(null, Duration.ofHours(1)), true);
        return ApiServer.create(new StreamsQueries(streams, LOCAL, SETTINGS, new SingleObjectSerdes().serde(School.class).deserializer()), NOWHERE,
                new ApiSettings(LOCAL, SETTINGS, Duration.ofSeconds(1), security, null), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
