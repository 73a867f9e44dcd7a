package io.attendance.tools.bench;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoContacts;
import io.attendance.contract.KafkaPublisher;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.pupil.Upn;
import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code attendance bench-letters}: how fast the notifier turns requested letters into PDFs in the
 * outbox with their evidence committed. Publishes one APWS "AL 1.2.0" meeting invite per pupil (the
 * demo's made-up parents: 1–2 each) to an embedded broker, then times one notifier from start until
 * every letter's record is on the letters topic.
 */
@Command(name = "bench-letters", mixinStandardHelpOptions = true, description = "Benchmark the notifier: letters rendered, delivered to the outbox and recorded per second.")
public final class LetterBenchCommand implements Callable<Integer> {
    @Option(names = "--pupils", defaultValue = "2000", description = "Pupils with one requested letter each (default 2000).")
    int pupils;

    @Option(names = "--data-dir", defaultValue = "./data/bench-letters", description = "Scratch directory, wiped first.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dataDir)) try (var w = Files.walk(dataDir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Topics topics = new Topics(new SingleObjectSerdes());
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, 0)) {
            TopicAdmin.ensure(broker.bootstrapServers(), topics, 6, (short) 1);
            List<String> upns = new ArrayList<>();
            for (int i = 0; i < pupils; i++) upns.add(Upn.of(938, 4100 + i / 999, 25, 1 + i % 999));
            List<PupilContacts> contacts = DemoContacts.of(upns);
            long expected = contacts.stream().mapToLong(c -> c.getParents().size()).sum() + (pupils - contacts.size());
            try (KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), topics);
                 KafkaProducer<byte[], byte[]> events = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                publisher.publishSchool(School.newBuilder().setUrn("100002").setName("Hillside Academy").setLa("Northshire")
                        .setPolicy("apws").setExpectedAttendancePct(96).setTerms(List.of()).setClosures(List.of()).build());
                publisher.publishContacts(contacts);
                for (String upn : upns) {
                    String caseId = upn + "-100002-apws-1";
                    Map<String, String> fields = new HashMap<>(Map.of("letterTo", "parents", "meetingDate", "2025-10-02",
                            "meetingTime", "09:00", "place", "Hillside Academy", "attendees", "Head of Year; EWO"));
                    CaseEvent e = CaseEvent.newBuilder().setEventId(caseId + ":2").setCaseId(caseId).setUpn(upn).setUrn("100002")
                            .setPolicy("apws").setPolicyVersion(1).setType(CaseEventType.LETTER_REQUESTED).setDate(LocalDate.of(2025, 9, 23))
                            .setStage("stage-1-invite").setLetterId("AL 1.2.0")
                            .setLetterTitle("Invitation to a meeting in school about your child's attendance").setFields(fields).build();
                    events.send(new ProducerRecord<>(topics.caseEvents.name(), PupilPartitioner.partitionOf(upn, 6),
                            upn.getBytes(StandardCharsets.UTF_8), topics.caseEvents.valueSerde().serializer().serialize(topics.caseEvents.name(), e)));
                }
                events.flush();
            }
            long start = System.nanoTime();
            try (var letters = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "isolation.level", "read_committed", "enable.auto.commit", false),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
                 Notifier notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "bench", null,
                         dataDir.resolve("outbox"), 1, 0), topics).start()) {
                List<TopicPartition> parts = letters.partitionsFor(topics.letters.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                letters.assign(parts);
                letters.seekToBeginning(parts);
                long done = 0;
                while (done < expected) { // each committed letter record is counted once as it becomes readable
                    if (notifier.failure().isPresent()) throw new IllegalStateException("notifier failed", notifier.failure().get());
                    done += letters.poll(java.time.Duration.ofMillis(200)).count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%d letters for %d pupils in %.1f s: %.0f letters/s (PDF rendered, written to the outbox, evidence committed)%n",
                        done, pupils, seconds, done / seconds);
            }
        }
        return 0;
    }

}
