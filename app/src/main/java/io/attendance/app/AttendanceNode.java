package io.attendance.app;

import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.policy.PolicyRegistry;

import io.attendance.api.ApiServer;
import io.attendance.api.ApiSettings;
import io.attendance.contract.KafkaPublisher;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/** One instance of the service: the streams app and the HTTP API that queries it. */
public final class AttendanceNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AttendanceNode.class);

    private final NodeSettings settings;
    /** State stores' format: the service's own, single-object encoding whatever the topics carry. */
    private final SingleObjectSerdes serdes = new SingleObjectSerdes();
    private final Topics topics;
    private KafkaPublisher publisher;
    private io.attendance.app.kafka.KafkaRevocations revocations;
    private KafkaStreams streams;
    private Javalin http;
    private io.attendance.contract.query.AttendanceQueries queries;
    private io.attendance.app.clock.WallClock wallClock;

    public AttendanceNode(NodeSettings settings) {
        this(settings, new Topics(new SingleObjectSerdes()));
    }

    /** @param topics the topics with their wire format (a schema registry's, or single-object encoding) */
    public AttendanceNode(NodeSettings settings, Topics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    public AttendanceNode start() {
        TopicAdmin.ensure(settings.kafka(), topics, settings.partitions(), settings.replicationFactor());
        CodeTable codes = settings.codesFile() == null ? CodeTable.standard() : CodeTable.fromFile(settings.codesFile());
        PolicyRegistry policies = settings.policiesDir() == null ? PolicyRegistry.shipped() : PolicyRegistry.shippedPlus(settings.policiesDir());
        TopologySettings topology = new TopologySettings(codes, settings.rollingSchoolWeeks(), settings.partitions(),
                policies, WorkingDays.england(), settings.liveClock() ? TopologySettings.LIVE_TICK_QUIET : null, settings.goLive());
        publisher = new KafkaPublisher(settings.kafka(), topics);

        // The HTTP port must be known before Kafka Streams starts: it is this instance's application.server.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        int port = settings.httpPort() == 0 ? io.attendance.app.broker.EmbeddedBroker.freePort() : settings.httpPort();
        HostInfo self = new HostInfo(settings.advertisedHost(), port);
        streams = new KafkaStreams(AttendanceTopology.build(topics, serdes, topology), streamsProperties(self));
        streams.setStateListener((now, was) -> log.info("streams {} -> {}", was, now));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        NodeSettings.Access access = settings.access();
        revocations = new io.attendance.app.kafka.KafkaRevocations(settings.kafka(), topics.sessionRevocations, publisher,
                java.time.Clock.systemUTC()).start(Duration.ofSeconds(60));
        ApiSettings.Security security = new ApiSettings.Security(access.accounts(),
                io.attendance.api.auth.SessionTokens.of(access.sessionSecret(), Duration.ofHours(10), revocations), access.secureCookies(),
                new io.attendance.api.auth.ClientAddress(access.trustedProxies()));
        ApiSettings.Live live = new ApiSettings.Live(settings.kafka(), topics.pupilChanges.name(), topics.caseEvents.name(),
                topics.caseEvents.valueSerde().deserializer());
        var instance = new io.attendance.contract.query.AttendanceQueries.Instance(self.host(), self.port());
        queries = new io.attendance.streams.query.StreamsQueries(streams, instance, topology,
                topics.schools.valueSerde().deserializer());
        new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams).bindTo(metrics);
        http = ApiServer.create(queries, publisher, new ApiSettings(instance, topology, Duration.ofSeconds(15), security, live), metrics);
        http.start(port);
        streams.start();
        log.info("instance {} serving HTTP on port {}", settings.applicationId(), port);
        return this;
    }

    private Properties streamsProperties(HostInfo self) {
        // The LA's client settings first (security, timeouts); the product's own below them win.
        Properties p = settings.kafka().properties(java.util.Map.of());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        // An instance that joins behind warms up copies of its share first and takes it over at the next
        // probing rebalance: every minute (the least allowed) rather than Kafka's ten.
        p.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, settings.maxTaskIdleMs());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        // The stores' changelogs are tables too: an erased pupil's records physically go within about two days.
        io.attendance.contract.Topics.PROMPT_COMPACTION.forEach((k, v) -> p.put(StreamsConfig.topicPrefix(k), v));
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, io.attendance.app.kafka.BoundedRocksDbMemory.class);
        p.put(io.attendance.app.kafka.BoundedRocksDbMemory.TOTAL_BYTES, settings.rocksDbMemoryBytes());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** Live mode: end each school's day from the wall clock (the demo and replays tick from data instead). */
    public void startWallClock(java.time.LocalTime tickAt, java.nio.file.Path lastTickFile) {
        wallClock = new io.attendance.app.clock.WallClock(publisher::publishTicks, queries::schoolUrns,
                tickAt, lastTickFile, java.time.Clock.systemUTC()).start();
    }

    public Topics topics() {
        return topics;
    }

    public KafkaPublisher publisher() {
        return publisher;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (wallClock != null) wallClock.close();
        if (http != null) http.stop();
        if (revocations != null) revocations.close();
        // Leave the group on a deliberate stop: its partitions move at once instead of after the session timeout.
        if (streams != null) streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (publisher != null) publisher.close();
    }
}
