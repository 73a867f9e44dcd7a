package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoLoader;
import io.attendance.schemas.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the service: an embedded broker unless a cluster is named, the streams app, the API, and the demo LA. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streams app and API (with an in-process Kafka broker unless --bootstrap-servers is given).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--data-dir", defaultValue = "${env:ATTENDANCE_DATA_DIR:-./data}",
            description = "Broker data and state stores, kept across restarts (default ./data).")
    Path dataDir;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "An external Kafka cluster; when absent an embedded broker is started.")
    String bootstrapServers;

    @Option(names = "--broker-port", defaultValue = "${env:ATTENDANCE_BROKER_PORT:-9092}",
            description = "Client port of the embedded broker (default 9092; 0 = any free port).")
    int brokerPort;

    @Option(names = "--port", defaultValue = "${env:ATTENDANCE_HTTP_PORT:-8080}", description = "HTTP port (default 8080).")
    int port;

    @Option(names = "--advertised-host", defaultValue = "${env:ATTENDANCE_ADVERTISED_HOST:-localhost}",
            description = "Host name other instances use to reach this one (application.server).")
    String advertisedHost;

    @Option(names = "--application-id", defaultValue = "${env:ATTENDANCE_APPLICATION_ID:-attendance}",
            description = "Kafka Streams application.id shared by every instance.")
    String applicationId;

    @Option(names = "--partitions", defaultValue = "${env:ATTENDANCE_PARTITIONS:-6}",
            description = "Partitions of pupil-keyed topics (default 6).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:ATTENDANCE_REPLICATION_FACTOR:-1}",
            description = "Replication factor of topics the app creates (default 1).")
    short replication;

    @Option(names = "--standby-replicas", defaultValue = "${env:ATTENDANCE_STANDBY_REPLICAS:-0}",
            description = "Kafka Streams num.standby.replicas (default 0).")
    int standbys;

    @Option(names = "--stream-threads", defaultValue = "${env:ATTENDANCE_STREAM_THREADS:-1}",
            description = "Kafka Streams threads (default 1).")
    int threads;

    @Option(names = "--commit-interval-ms", defaultValue = "${env:ATTENDANCE_COMMIT_INTERVAL_MS:-1000}",
            description = "Kafka Streams commit interval under exactly-once (default 1000; see BENCHMARKS.md).")
    int commitIntervalMs;

    @Option(names = "--rocksdb-memory-mb", defaultValue = "${env:ATTENDANCE_ROCKSDB_MEMORY_MB:-256}",
            description = "Off-heap memory shared by every state store of this instance (default 256).")
    long rocksDbMemoryMb;

    @Option(names = "--rolling-weeks", defaultValue = "${env:ATTENDANCE_ROLLING_WEEKS:-6,10}", split = ",",
            description = "Rolling windows reported per pupil, in school weeks (default 6,10).")
    Integer[] rollingWeeks;

    @Option(names = "--codes", defaultValue = "${env:ATTENDANCE_CODES_FILE}",
            description = "A replacement code table (CSV: code,category,description,withdrawn).")
    Path codes;

    @Option(names = "--config", defaultValue = "${env:ATTENDANCE_CONFIG}",
            description = "YAML/JSON file of schools to load at start.")
    Path config;

    @Option(names = "--no-demo", description = "Start empty: no demo LA.")
    boolean noDemo;

    @Option(names = "--demo", description = "Load the demo LA and its accounts even with --accounts or --bootstrap-servers "
            + "(without either, the demo is the default).")
    boolean demo;

    /** The environment, replaceable in tests. */
    java.util.function.UnaryOperator<String> env = System::getenv;

    @Option(names = "--policies", defaultValue = "${env:ATTENDANCE_POLICIES_DIR}",
            description = "A folder of policy files, added to the shipped ones (same id replaces).")
    Path policies;

    @Option(names = "--clock", defaultValue = "${env:ATTENDANCE_CLOCK}",
            description = "wall: tick each school's day end from the wall clock at --tick-at; data: ticks come from "
                    + "the data (replays, the demo). Default: data with the demo, wall without.")
    String clock;

    @Option(names = "--go-live", defaultValue = "${env:ATTENDANCE_GO_LIVE}",
            description = "First day whose day end opens, moves or closes cases (yyyy-mm-dd). Marks before it are counted; "
                    + "earlier day ends decide nothing, so loading history posts no backdated letters.")
    java.time.LocalDate goLive;

    @Option(names = "--tick-at", defaultValue = "${env:ATTENDANCE_TICK_AT:-18:00}",
            description = "Local time (Europe/London) the wall clock ends each school's day (default 18:00).")
    String tickAt;

    @Option(names = "--max-task-idle-ms", defaultValue = "${env:ATTENDANCE_MAX_TASK_IDLE_MS:-0}",
            description = "Kafka Streams max.task.idle.ms (default 0; above 0 a replay interleaves marks and ticks strictly by time).")
    long maxTaskIdleMs;

    @Option(names = "--accounts", defaultValue = "${env:ATTENDANCE_ACCOUNTS_FILE}",
            description = "YAML file of sign-in accounts (bcrypt hashes) and API keys (SHA-256); see README.")
    Path accounts;

    @Option(names = "--insecure-cookies", defaultValue = "${env:ATTENDANCE_INSECURE_COOKIES:-false}",
            description = "Send the session cookie without the Secure flag (only behind a proxy that is not HTTPS).")
    boolean insecureCookies;

    @Option(names = "--trusted-proxies", defaultValue = "${env:ATTENDANCE_TRUSTED_PROXIES}", split = ",",
            description = "Addresses of the LA's reverse proxies: their X-Forwarded-For names the client (sign-in limits, logs).")
    List<String> trustedProxies;

    @Option(names = "--no-notifier", description = "Do not send letters from this process (run `attendance notifier` elsewhere).")
    boolean noNotifier;

    @picocli.CommandLine.Mixin
    io.attendance.app.letters.NotifierOptions notifierOptions;

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.KafkaConfigOption kafkaConfig = new io.attendance.app.kafka.KafkaConfigOption();

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.WireFormatOption wireFormat = new io.attendance.app.kafka.WireFormatOption();

    /**
     * The demo (its data and its accounts) runs when asked for, or by default only on a bare
     * `run`: a service given real accounts, real schools or a real cluster never accepts a demo credential.
     */
    boolean demo() {
        return demo || (!noDemo && accounts == null && config == null && !external());
    }

    /** A cluster of the LA's own: named on the command line, in the environment or in the client settings file. */
    private boolean external() {
        return (bootstrapServers != null && !bootstrapServers.isBlank()) || kafkaConfig.given();
    }

    /** Accounts from the file, the demo's accounts with the demo, and the LA-admin key from the environment. */
    NodeSettings.Access access() {
        io.attendance.api.auth.Accounts a = accounts == null ? io.attendance.api.auth.Accounts.none()
                : io.attendance.api.auth.Accounts.fromFile(accounts);
        String adminKey = env.apply("ATTENDANCE_ADMIN_KEY");
        if (demo()) {
            io.attendance.app.demo.DemoAccounts.addTo(a);
            if (adminKey == null || adminKey.isBlank()) adminKey = io.attendance.app.demo.DemoAccounts.ADMIN_KEY;
        }
        a.withAdminKey(adminKey);
        return new NodeSettings.Access(a, env.apply("ATTENDANCE_SESSION_SECRET"), !insecureCookies,
                trustedProxies == null ? List.of() : trustedProxies);
    }

    @Override
    public Integer call() throws Exception {
        if (demo && noDemo) {
            System.err.println("--demo and --no-demo: choose one");
            return 2;
        }
        if (!demo()) {
            java.util.List<String> problems = Secrets.problems(env, "ATTENDANCE_ADMIN_KEY", "ATTENDANCE_SESSION_SECRET");
            if (!problems.isEmpty()) {
                problems.forEach(System.err::println);
                return 2;
            }
        }
        io.attendance.contract.KafkaClients kafka = null;
        io.attendance.contract.Topics topics;
        try {
            if (external()) kafka = kafkaConfig.clients(bootstrapServers);
            // with a registry: checked and registered before anything starts; retention from the LA's table
            topics = wireFormat.topics(io.attendance.core.retention.RetentionSchedule.of(policies));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Files.createDirectories(dataDir);
        EmbeddedBroker broker = null;
        if (kafka == null) {
            broker = EmbeddedBroker.start(dataDir, brokerPort);
            kafka = io.attendance.contract.KafkaClients.of(broker.bootstrapServers());
        }
        log.info("Kafka: {}", kafka.describe());
        String clockMode = clock != null ? clock : demo() ? "data" : "wall";
        if (!clockMode.equals("wall") && !clockMode.equals("data")) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--clock: wall or data, not '" + clock + "'");
        NodeSettings settings = new NodeSettings(kafka, applicationId, dataDir.resolve("streams"), advertisedHost,
                port, partitions, replication, standbys, List.of(rollingWeeks), codes, threads, commitIntervalMs,
                policies, maxTaskIdleMs, clockMode.equals("wall"), access(),
                rocksDbMemoryMb * 1024 * 1024, goLive);
        AttendanceNode node;
        try {
            node = new AttendanceNode(settings, topics).start();
        } catch (io.attendance.app.kafka.KafkaRefused e) {
            System.err.println(e.getMessage());
            return 2;
        }
        io.attendance.notifier.Notifier notifier = noNotifier ? null : new io.attendance.notifier.Notifier(
                notifierOptions.settings(kafka, applicationId + "-" + advertisedHost + "-" + port, policies, dataDir), node.topics()).start();
        EmbeddedBroker ownedBroker = broker;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (notifier != null) notifier.close();
            node.close();
            if (ownedBroker != null) ownedBroker.close();
            stopped.countDown();
        }, "shutdown"));

        if (config != null) {
            List<School> schools = ConfigFile.schools(config);
            schools.forEach(node.publisher()::publishSchool);
            log.info("loaded {} schools from {}", schools.size(), config);
        }
        Path demoMarker = dataDir.resolve("demo-loaded");
        if (demo() && !Files.exists(demoMarker)) {
            DemoLoader.load(DemoLa.standard(), node.publisher());
            Files.writeString(demoMarker, "demo LA " + DemoLa.LA + " published\n");
        }
        if (clockMode.equals("wall")) {
            node.startWallClock(java.time.LocalTime.parse(tickAt), dataDir.resolve("clock-last-tick"));
        }
        log.info("ready: http://localhost:{}/api/v1/schools/100001/pupils?flag=persistent", node.httpPort());
        stopped.await();
        return 0;
    }
}
