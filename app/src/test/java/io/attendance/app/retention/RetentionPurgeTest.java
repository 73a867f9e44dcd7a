package io.attendance.app.retention;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.contract.KafkaClients;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on a real broker: each topic's settings come from the table, and the purge deletes exactly
 * what is due (registers 6 years from the end of their school year), listing it first in a dry run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionPurgeTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private EmbeddedBroker broker;
    private KafkaClients kafka;
    private final Topics topics = new Topics(new SingleObjectSerdes());
    private Path outbox;

    @BeforeAll
    void start() throws Exception {
        Path dir = Path.of("target", "e2e", "retention-" + UUID.randomUUID());
        broker = EmbeddedBroker.start(dir, 0);
        kafka = KafkaClients.of(broker.bootstrapServers());
        TopicAdmin.ensure(kafka, topics, 2, (short) 1);
        outbox = Files.createDirectories(dir.resolve("outbox"));
    }

    @AfterAll
    void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void every_topic_takes_its_retention_from_the_table() throws Exception {
        long sevenYearsAndMore = Duration.ofDays(6 * 366 + 366 + 1).toMillis(); // 6 years counted long, + the school year, + a day
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            Map<String, String> retention = new HashMap<>();
            Map<String, String> cleanup = new HashMap<>();
            List<ConfigResource> all = topics.all().stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
            for (Map.Entry<ConfigResource, Config> e : admin.describeConfigs(all).all().get().entrySet()) {
                retention.put(e.getKey().name(), e.getValue().get("retention.ms").value());
                cleanup.put(e.getKey().name(), e.getValue().get("cleanup.policy").value());
            }
            assertThat(retention.get("marks")).isEqualTo(Long.toString(sevenYearsAndMore));
            assertThat(retention.get("case-events")).isEqualTo(Long.toString(sevenYearsAndMore));
            assertThat(retention.get("letters")).isEqualTo(Long.toString(sevenYearsAndMore));
            assertThat(retention.get("access-audit")).isEqualTo(Long.toString(sevenYearsAndMore));
            assertThat(retention.get("pupil-changes")).isEqualTo("3600000");
            // 7 whole days after the day it was made: never before the table says (a sign-out at 10:00 on the 1st goes on the 9th)
            assertThat(retention.get("session-revocations")).isEqualTo(Long.toString(Duration.ofDays(8).toMillis()));
            assertThat(cleanup.get("contacts")).isEqualTo("compact"); // deleted by tombstone, not by age
            assertThat(cleanup.get("marks")).isEqualTo("delete");

        }
    }

    @Test
    void the_purge_lists_then_deletes_registers_six_years_after_their_school_year_and_keeps_the_rest() throws Exception {
        // marks[0]: two marks of March 2024 (school year 2023/24: due 1 Sep 2030), one of Sep 2024 (due 1 Sep 2031),
        // then another of March 2024 that the kept one holds back (a log is deleted from its start only).
        send("marks", 0, "2024-03-04", "2024-03-05", "2024-09-10", "2024-03-06");
        // contacts[1]: pupil A's list given in March 2024 (due), pupil B's in January 2025 (school year 2024/25: kept).
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>("contacts", 1, at("2024-03-01"), "A", "parents of A")).get();
            p.send(new ProducerRecord<>("contacts", 1, at("2025-01-15"), "B", "parents of B")).get();
        }
        Files.createDirectories(outbox.resolve("2024-03-12"));
        Files.writeString(outbox.resolve("2024-03-12/manifest.csv"), "letter");
        Files.writeString(outbox.resolve("2024-03-12/letter.pdf"), "pdf");
        Files.createDirectories(outbox.resolve("2024-10-01"));
        Files.writeString(outbox.resolve("2024-10-01/manifest.csv"), "letter");

        Instant endOf1Sep2030 = LocalDate.of(2030, 9, 2).atStartOfDay(LONDON).toInstant().minusMillis(1);
        List<PurgeLine> dry = new Purge(kafka, topics, outbox, endOf1Sep2030).run(true);
        assertThat(dry).extracting(PurgeLine::where, PurgeLine::count).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("marks[0]", 2L),
                org.assertj.core.groups.Tuple.tuple("contacts[1]", 1L),
                org.assertj.core.groups.Tuple.tuple("outbox/2024-03-12", 2L));
        assertThat(dry).allMatch(l -> l.action().startsWith("would"));
        assertThat(earliest("marks", 0)).isZero(); // a dry run changes nothing
        assertThat(outbox.resolve("2024-03-12/letter.pdf")).exists();

        // The day before it is due nothing goes.
        Instant endOf31Aug2030 = LocalDate.of(2030, 9, 1).atStartOfDay(LONDON).toInstant().minusMillis(1);
        assertThat(new Purge(kafka, topics, outbox, endOf31Aug2030).run(true)).isEmpty();

        new Purge(kafka, topics, outbox, endOf1Sep2030).run(false);
        assertThat(earliest("marks", 0)).isEqualTo(2); // the two due marks are gone; Sep 2024 and what it holds back stay
        assertThat(latestValues("contacts", 1)).containsEntry("B", "parents of B").containsEntry("A", null);
        assertThat(outbox.resolve("2024-03-12")).doesNotExist();
        assertThat(outbox.resolve("2024-10-01/manifest.csv")).exists();
        // Run again: what was deleted is not listed again.
        assertThat(new Purge(kafka, topics, outbox, endOf1Sep2030).run(true)).isEmpty();
    }

    @Test
    void a_real_purge_will_not_look_ahead_of_today() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            PurgeCommand command = new PurgeCommand();
            command.clock = java.time.Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), LONDON);
            code = new picocli.CommandLine(command).execute("--as-of", "2030-09-01", "--bootstrap-servers", broker.bootstrapServers());
        } finally {
            System.setErr(was);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--as-of 2030-09-01 is after today (2026-12-03)")
                .contains("nothing was deleted");
    }

    private static long at(String date) {
        return LocalDate.parse(date).atTime(9, 0).atZone(LONDON).toInstant().toEpochMilli();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(kafka.config(Map.of()), new StringSerializer(), new StringSerializer());
    }

    private void send(String topic, int partition, String... dates) throws Exception {
        try (KafkaProducer<String, String> p = producer()) {
            for (String d : dates) p.send(new ProducerRecord<>(topic, partition, at(d), "E801200125001|" + d, "mark of " + d)).get();
        }
    }

    private long earliest(String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            TopicPartition tp = new TopicPartition(topic, partition);
            return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset();
        }
    }

    private Map<String, String> latestValues(String topic, int partition) {
        Map<String, String> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.config(Map.of()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.put(new String(r.key(), StandardCharsets.UTF_8), r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
