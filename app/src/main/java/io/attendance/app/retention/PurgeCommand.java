package io.attendance.app.retention;

import io.attendance.app.kafka.Cluster;
import io.attendance.core.retention.RetentionSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code attendance purge [--dry-run]}: deletes what the retention table says is due today. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete records and outbox letters past their retention (policies/retention/retention.yaml). "
                + "Run it daily (a cron job or a Kubernetes CronJob); --dry-run lists what would go and changes nothing.")
public final class PurgeCommand implements Callable<Integer> {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Option(names = "--dry-run", description = "List what is due and delete nothing.")
    boolean dryRun;

    @Option(names = "--as-of", description = "Judge due dates as on this date (yyyy-mm-dd; default today). "
            + "A date after today is only allowed with --dry-run: a rehearsal, never an early deletion.")
    LocalDate asOf;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: the embedded broker of a local run, localhost:9092).")
    String bootstrap;

    @Option(names = "--policies", defaultValue = "${env:ATTENDANCE_POLICIES_DIR}",
            description = "Policies folder whose retention/retention.yaml replaces the shipped table.")
    Path policies;

    @Option(names = "--outbox", defaultValue = "${env:ATTENDANCE_OUTBOX}",
            description = "The notifier's post outbox folder (default: <data-dir>/outbox).")
    Path outbox;

    @Option(names = "--data-dir", defaultValue = "${env:ATTENDANCE_DATA_DIR:-./data}", description = "Data folder (default ./data).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.KafkaConfigOption kafkaConfig = new io.attendance.app.kafka.KafkaConfigOption();

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.WireFormatOption wireFormat = new io.attendance.app.kafka.WireFormatOption();

    /** Today in England: the day retention is judged on. */
    java.time.Clock clock = java.time.Clock.systemUTC();

    @Override
    public Integer call() {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        LocalDate on = asOf != null ? asOf : today;
        if (on.isAfter(today) && !dryRun) {
            System.err.println("purge: --as-of " + on + " is after today (" + today + "): only a --dry-run may look ahead; nothing was deleted");
            return 2;
        }
        Cluster cluster;
        RetentionSchedule table;
        try {
            table = RetentionSchedule.of(policies);
            cluster = new Cluster(kafkaConfig.clients(bootstrap), wireFormat.topics(table));
        } catch (IllegalArgumentException e) {
            System.err.println("purge: " + e.getMessage() + "; nothing was deleted");
            return 2;
        }
        // Due "as of" a date: at the end of that day in England, so the whole day's due records go.
        Instant at = on.plusDays(1).atStartOfDay(LONDON).toInstant().minusMillis(1);
        List<PurgeLine> lines = new Purge(cluster.kafka(), cluster.topics(), outbox != null ? outbox : dataDir.resolve("outbox"), at).run(dryRun);
        System.out.println((dryRun ? "Dry run: nothing deleted. " : "") + "Due as of " + on + " by the retention table:");
        if (lines.isEmpty()) System.out.println("  nothing is due");
        lines.forEach(l -> System.out.println("  " + l));
        return 0;
    }
}
