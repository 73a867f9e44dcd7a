package io.attendance.app.letters;

import io.attendance.app.kafka.TopicAdmin;
import io.attendance.notifier.Notifier;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.contract.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code attendance notifier}: the notifier alone, against a running cluster. */
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = "Send every requested letter to every parent, exactly once (outbox, SMTP, GOV.UK Notify).")
public final class NotifierCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (or bootstrap.servers in --kafka-config).")
    String bootstrap;

    @Mixin
    io.attendance.app.kafka.KafkaConfigOption kafkaConfig = new io.attendance.app.kafka.KafkaConfigOption();

    @Option(names = "--instance-id", defaultValue = "${env:ATTENDANCE_NOTIFIER_ID:-notifier-1}",
            description = "Stable per notifier instance (its transactional id): a restarted instance fences its old self.")
    String instanceId;

    @Option(names = "--policies", defaultValue = "${env:ATTENDANCE_POLICIES_DIR}", description = "Policies folder whose letters/ replace the shipped templates.")
    Path policies;

    @Option(names = "--data-dir", defaultValue = "${env:ATTENDANCE_DATA_DIR:-./data}", description = "Where the default outbox lives.")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "${env:ATTENDANCE_PARTITIONS:-6}", description = "Partitions of pupil-keyed topics, if they must be created.")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:ATTENDANCE_REPLICATION_FACTOR:-1}", description = "Replication of topics, if they must be created.")
    short replication;

    @Option(names = "--port", defaultValue = "${env:ATTENDANCE_NOTIFIER_PORT:-8090}",
            description = "HTTP port for /health/live, /health/ready and /metrics (default 8090; 0 picks a free one).")
    int port;

    @Mixin
    NotifierOptions options;

    @Mixin
    io.attendance.app.kafka.WireFormatOption wireFormat = new io.attendance.app.kafka.WireFormatOption();

    @Override
    public Integer call() throws Exception {
        io.attendance.app.kafka.Cluster cluster;
        try {
            // the LA's retention table too: this command sets the topics' retention, as `run` does
            cluster = io.attendance.app.kafka.Cluster.of(kafkaConfig, bootstrap, wireFormat, policies);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        io.attendance.contract.KafkaClients kafka = cluster.kafka();
        Topics topics = cluster.topics();
        try {
            TopicAdmin.ensure(kafka, topics, partitions, replication);
        } catch (io.attendance.app.kafka.KafkaRefused e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Notifier notifier = new Notifier(options.settings(kafka, instanceId, policies, dataDir), topics).start();
        NotifierHttp http = NotifierHttp.start(notifier, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            notifier.close();
            http.close();
            stopped.countDown();
        }, "shutdown"));
        // A notifier that stops for good (not a failed batch, which it recovers from) ends the process
        // with status 1, so the container's restart policy starts a fresh one instead of leaving it idle.
        notifier.awaitStopped();
        if (notifier.failure().isPresent()) {
            System.err.println("notifier " + instanceId + " stopped: " + notifier.failure().get());
            return 1;
        }
        stopped.await();
        return 0;
    }
}
