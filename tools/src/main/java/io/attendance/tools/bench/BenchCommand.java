package io.attendance.tools.bench;

import io.attendance.app.kafka.GroupProgress;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoLoader;
import io.attendance.contract.KafkaPublisher;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.SlidingWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Benchmark harness: pushes synthetic demo-LA marks through the counting topology on an embedded
 * broker and reports marks/s, beside a bare DSL 42-day sliding-window count of the same marks in
 * the same run. Not a test: figures go in BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure marks/s through the counting topology against a bare sliding-window count.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--factor", defaultValue = "7", description = "Pupils = 2,000 x factor (default 7: 14,000 pupils).")
    int factor;

    @Option(names = "--to", defaultValue = "2025-12-19", description = "Last date of marks (from 3 Sep 2025; default end of autumn term).")
    LocalDate to;

    @Option(names = "--data-dir", defaultValue = "./data/bench", description = "Scratch directory, wiped first.")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "6")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads of the instance (default 1).")
    int streamThreads;

    @Option(names = "--instances", defaultValue = "1",
            description = "Instances of the application (same application id, own state directories) in this process, on the one broker (default 1).")
    int instances;

    @Option(names = "--skip-sliding", description = "Measure only the counting topology.")
    boolean skipSliding;

    @Option(names = "--events-out", description = "Write the counting topology's case events here, one JSON line each as replay's "
            + "case-events.jsonl, sorted (to compare runs and a replay of the same marks).")
    Path eventsOut;

    @Option(names = "--commit-interval-ms", defaultValue = "100", split = ",",
            description = "EOS commit intervals to measure the counting topology at (default 100).")
    List<Integer> commitIntervals;

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || streamThreads < 1) {
            System.err.println("bench: --instances and --stream-threads must be at least 1");
            return 2;
        }
        wipe(dataDir);
        Files.createDirectories(dataDir);
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Topics topics = new Topics(serdes);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            TopicAdmin.ensure(bootstrap, topics, partitions, (short) 1);
            DemoLa la = DemoLa.scaled(factor, to);
            long t0 = System.nanoTime();
            long marks;
            try (KafkaPublisher publisher = new KafkaPublisher(bootstrap, topics)) {
                marks = DemoLoader.load(la, publisher);
            }
            double produceSecs = secs(t0);
            System.out.printf("produced %,d marks for %,d pupils in %.1f s (%,.0f marks/s, generation included)%n",
                    marks, la.pupilCount(), produceSecs, marks / produceSecs);

            // A topology each instance: Kafka Streams rewrites the one it is given for its own use.
            Supplier<Topology> counting = () -> AttendanceTopology.build(topics, serdes,
                    new TopologySettings(CodeTable.standard(), List.of(6, 10), partitions));
            for (int interval : commitIntervals) {
                double countingSecs = run(admin, bootstrap, "bench-counting-" + interval, counting,
                        List.of(topics.marks.name(), topics.clock.name()), interval, eventsOut == null ? null : () -> CaseEventsDump.write(
                                bootstrap, admin, topics, eventsOut));
                System.out.printf("counting topology (EOS v2, %d instance(s) x %d thread(s), commit %d ms): %,d marks in %.1f s = %,.0f marks/s%n",
                        instances, streamThreads, interval, marks, countingSecs, marks / countingSecs);
            }

            if (!skipSliding) {
                Supplier<Topology> sliding = () -> slidingCount(topics);
                for (int interval : commitIntervals) {
                    double slidingSecs = run(admin, bootstrap, "bench-sliding-" + interval, sliding, List.of(topics.marks.name()), interval, null);
                    System.out.printf("bare DSL 42-day sliding count (EOS v2, %d instance(s) x %d thread(s), commit %d ms): %,d marks in %.1f s = %,.0f marks/s%n",
                            instances, streamThreads, interval, marks, slidingSecs, marks / slidingSecs);
                }
            }
        }
        return 0;
    }

    /** The bare DSL's 42-day sliding count of each pupil's marks: what the counting topology is compared with. */
    private static Topology slidingCount(Topics topics) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topics.marks.name(), Consumed.with(Serdes.String(), topics.marks.valueSerde()))
                .groupBy((k, m) -> m.getUpn(), Grouped.with(Serdes.String(), topics.marks.valueSerde()))
                // Grace longer than the data: every mark is counted, none dropped as late.
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofDays(42), Duration.ofDays(400)))
                .count();
        return b.build();
    }

    /** Timed until the group has committed every input record; then {@code after} runs while the topology still does. */
    private double run(Admin admin, String bootstrap, String appId, Supplier<Topology> topology, List<String> sources,
                       int commitIntervalMs, Callable<?> after) throws Exception {
        long t0 = System.nanoTime();
        List<KafkaStreams> running = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                KafkaStreams streams = new KafkaStreams(topology.get(), properties(bootstrap, appId, commitIntervalMs, i));
                running.add(streams);
                streams.start();
            }
            Set<String> watched = new HashSet<>(sources);
            while (true) {
                Thread.sleep(250); // polling the broker's offsets, not synchronising a test
                watched.addAll(GroupProgress.repartitionTopics(admin, appId));
                for (KafkaStreams streams : running) {
                    if (streams.state() == KafkaStreams.State.ERROR) throw new IllegalStateException(appId + " failed");
                }
                if (secs(t0) > 5 && GroupProgress.lag(admin, appId, watched) == 0) break;
            }
            double took = secs(t0);
            if (after != null) after.call();
            return took;
        } finally {
            for (KafkaStreams streams : running) {
                try {
                    streams.close();
                } catch (RuntimeException e) {
                    System.err.println(appId + ": an instance did not close cleanly: " + e); // close the others still
                }
            }
        }
    }

    /** Instance {@code i}'s settings: the application's, with a state directory of its own. */
    private Properties properties(String bootstrap, String appId, int commitIntervalMs, int i) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams-" + i).toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void wipe(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
