package io.attendance.app.retention;

import io.attendance.contract.KafkaClients;
import io.attendance.contract.Topic;
import io.attendance.contract.Topics;
import io.attendance.core.retention.RetentionClass;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Deletes what the retention table says is due on a date (or, dry, lists it):
 * <ul>
 *   <li>logs from their oldest end, up to the first record not yet due (Kafka deletes a log only from its
 *       start: a record still kept holds back the due ones behind it until it is due too; its backstop
 *       retention is the same table's);</li>
 *   <li>tables (compacted topics) by a tombstone for each key whose latest record is due;</li>
 *   <li>outbox day folders (PDFs and manifest) of letters dated in a due school year.</li>
 * </ul>
 * Topics the table keeps for ever, or leaves to Kafka's own short retention, are not read.
 */
public final class Purge {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final KafkaClients kafka;
    private final Topics topics;
    private final Path outbox;
    private final Instant asOf;

    public Purge(KafkaClients kafka, Topics topics, Path outbox, Instant asOf) {
        this.kafka = kafka;
        this.topics = topics;
        this.outbox = outbox;
        this.asOf = asOf;
    }

    /** @param dryRun list what is due and change nothing */
    public List<PurgeLine> run(boolean dryRun) {
        List<PurgeLine> out = new ArrayList<>();
        try (Admin admin = Admin.create(kafka.config(Map.of()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.config(Map.of(
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.config(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new ByteArraySerializer(), new ByteArraySerializer())) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            for (Topic<?, ?> t : topics.all()) {
                RetentionClass c = topics.retention().forTopic(t.name()).orElseThrow();
                if (c.forever() || c.keepTime() != null || !existing.contains(t.name())) continue; // hours: Kafka's retention does it
                String cleanup = t.config().get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (TopicConfig.CLEANUP_POLICY_DELETE.equals(cleanup)) out.addAll(log(admin, consumer, t.name(), c, dryRun));
                else if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanup)) out.addAll(table(consumer, producer, t.name(), c, dryRun));
            }
            producer.flush();
        } catch (ExecutionException e) {
            throw new IllegalStateException("purge: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("purge interrupted", e);
        }
        topics.retention().forFiles("outbox").ifPresent(c -> out.addAll(outbox(c, dryRun)));
        return out;
    }

    private List<PurgeLine> log(Admin admin, KafkaConsumer<byte[], byte[]> consumer, String topic, RetentionClass c, boolean dryRun)
            throws ExecutionException, InterruptedException {
        List<PurgeLine> out = new ArrayList<>();
        Map<TopicPartition, RecordsToDelete> cuts = new HashMap<>();
        for (TopicPartition tp : partitions(consumer, topic)) {
            long[] cut = {-1};
            long[] due = {0};
            scan(consumer, tp, r -> {
                if (!c.due(Instant.ofEpochMilli(r.timestamp()), asOf)) {
                    cut[0] = r.offset();
                    return false;
                }
                due[0]++;
                cut[0] = r.offset() + 1; // never past what was read: a record written since is not judged
                return true;
            });
            if (due[0] == 0) continue;
            long end = cut[0];
            cuts.put(tp, RecordsToDelete.beforeOffset(end));
            out.add(new PurgeLine(c.name(), topic + "[" + tp.partition() + "]", due[0], (dryRun ? "would delete" : "deleted") + " the log before offset " + end));
        }
        if (!dryRun && !cuts.isEmpty()) admin.deleteRecords(cuts).all().get();
        return out;
    }

    private List<PurgeLine> table(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer, String topic,
                                  RetentionClass c, boolean dryRun) {
        List<PurgeLine> out = new ArrayList<>();
        for (TopicPartition tp : partitions(consumer, topic)) {
            Map<ByteBuffer, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
            scan(consumer, tp, r -> {
                if (r.key() != null) latest.put(ByteBuffer.wrap(r.key()), r);
                return true;
            });
            List<ConsumerRecord<byte[], byte[]>> due = latest.values().stream()
                    .filter(r -> r.value() != null && c.due(Instant.ofEpochMilli(r.timestamp()), asOf)).toList();
            if (due.isEmpty()) continue;
            if (!dryRun) {
                List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
                due.forEach(r -> sent.add(producer.send(new ProducerRecord<>(topic, tp.partition(), r.key(), null))));
                for (var f : sent) {
                    try {
                        f.get(); // a tombstone not written is a failure, not "tombstoned"
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("purge interrupted", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("purge: a tombstone on " + topic + " was refused: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            out.add(new PurgeLine(c.name(), topic + "[" + tp.partition() + "]", due.size(), dryRun ? "would tombstone each key" : "tombstoned each key"));
        }
        return out;
    }

    private List<PurgeLine> outbox(RetentionClass c, boolean dryRun) {
        if (outbox == null || !Files.isDirectory(outbox)) return List.of();
        List<PurgeLine> out = new ArrayList<>();
        try (Stream<Path> days = Files.list(outbox)) {
            for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
                LocalDate dated;
                try {
                    dated = LocalDate.parse(day.getFileName().toString());
                } catch (java.time.format.DateTimeParseException e) {
                    continue; // not a letter day folder: not the purge's to delete
                }
                if (!c.due(dated.atStartOfDay(LONDON).toInstant(), asOf)) continue;
                long files;
                try (Stream<Path> f = Files.list(day)) {
                    files = f.count();
                }
                if (!dryRun) deleteTree(day);
                out.add(new PurgeLine(c.name(), "outbox/" + day.getFileName(), files, dryRun ? "would delete the folder" : "folder deleted"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** Reads a partition from its start to its end as it is now, while {@code each} says go on. */
    private static void scan(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
                             java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> each) {
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                if (r.offset() >= end) return;
                if (!each.test(r)) return;
            }
        }
    }
}
