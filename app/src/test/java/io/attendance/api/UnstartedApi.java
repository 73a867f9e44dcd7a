package io.attendance.api;

import io.attendance.contract.Publisher;
import io.attendance.contract.Topics;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.core.codes.CodeTable;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.streams.query.StreamsQueries;
import io.attendance.streams.topology.AttendanceTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** The service's whole API over a streams app that never starts (no broker needed): its routes, probes and refusals. */
public final class UnstartedApi {
    private UnstartedApi() {
    }

    private static final AttendanceQueries.Instance LOCAL = new AttendanceQueries.Instance("localhost", 1);
    static final Publisher NOWHERE = new Publisher() {
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

        @Override
        public void publishAccess(io.attendance.schemas.AccessEvent read) {
            throw new AssertionError("nothing may be published");
        }

        @Override
        public void removeContacts(String upn) {
            throw new AssertionError("nothing may be published");
        }

        @Override
        public void publishErasure(io.attendance.schemas.ErasureRequest erasure) {
            throw new AssertionError("nothing may be published");
        }
    };

    private static final TopologySettings SETTINGS = new TopologySettings(CodeTable.standard(), List.of(6, 10), 6);

    /** A streams app against no broker, never started: it stays CREATED until closed. */
    public static KafkaStreams streams(String name) {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, name + "-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", name).toAbsolutePath().toString());
        return new KafkaStreams(AttendanceTopology.build(new Topics(serdes), serdes, SETTINGS), p);
    }

    /** The API over that app, with the admin key "admin-key-for-test". */
    public static io.javalin.Javalin api(KafkaStreams streams) {
        return api(streams, null);
    }

    /** With the pages' live feed too (its consumer is made, not started: nothing is read unless the server starts). */
    public static io.javalin.Javalin withLiveFeed(KafkaStreams streams) {
        Topics topics = new Topics(new SingleObjectSerdes());
        return api(streams, new ApiSettings.Live(io.attendance.contract.KafkaClients.of("localhost:1"), topics.pupilChanges.name(),
                topics.caseEvents.name(), topics.caseEvents.valueSerde().deserializer()));
    }

    private static io.javalin.Javalin api(KafkaStreams streams, ApiSettings.Live live) {
        var security = new ApiSettings.Security(io.attendance.api.auth.Accounts.none().withAdminKey("admin-key-for-test"),
                io.attendance.api.auth.SessionTokens.of(null, Duration.ofHours(1)), true);
        return ApiServer.create(new StreamsQueries(streams, LOCAL, SETTINGS, new SingleObjectSerdes().serde(School.class).deserializer()), NOWHERE,
                new ApiSettings(LOCAL, SETTINGS, Duration.ofSeconds(1), security, live), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
