package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.contract.KafkaPublisher;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.notifier.deliver.OutboxChannel;
import io.attendance.schemas.Letter;
import io.attendance.schemas.LetterStatus;
import io.attendance.schemas.PupilContacts;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.pupil.Upn;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 150 requested letters to two parents each (300 letters) are on the broker. A notifier in its
 * own JVM is killed with SIGKILL part-way through; a new one with the same instance id finishes.
 * The outbox and the letters topic then hold every letter exactly once: none lost, none twice.
 */
class NotifierCrashTest {
    private static final int EVENTS = 150;
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("notifier-crash");
        TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void a_notifier_killed_mid_batch_and_restarted_sends_every_letter_exactly_once() throws Exception {
        Set<String> expected = publishLetterRequests();
        Path data = TestNodes.scratch("notifier-crash");
        Path outbox = data.resolve("outbox");
        Process child = new ProcessBuilder(AppJvm.command(List.of("-Xmx512m"), List.of("notifier",
                "--bootstrap-servers", broker.bootstrapServers(), "--instance-id", "crash-1", "--data-dir", data.toString())))
                .redirectErrorStream(true).redirectOutput(Files.createDirectories(data).resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> OutboxChannel.listedLetterIds(outbox).size() >= 40);
        } finally {
            child.destroyForcibly().waitFor();
        }
        java.time.Instant killedAt = java.time.Instant.now();
        int committedAtCrash = committedLetters().size();
        int inOutboxAtCrash = OutboxChannel.listedLetterIds(outbox).size();
        System.out.printf("at the kill: %d letters in the outbox, %d committed on the letters topic%n", inOutboxAtCrash, committedAtCrash);
        assertThat(committedAtCrash).as("killed before the end").isLessThan(expected.size());

        try (Notifier again = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "crash-1", null, outbox, 2, 50),
                TOPICS).start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> committedLetters().size() >= expected.size());
            assertThat(again.failure()).isEmpty();
        }

        List<Letter> letters = committedLetters();
        List<String> ids = letters.stream().map(Letter::getLetterId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(letters).extracting(Letter::getStatus).containsOnly(LetterStatus.SENT);
        List<String> listed = OutboxChannel.listedLetterIds(outbox);
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(listed)).isEqualTo(expected);
        try (Stream<Path> files = Files.walk(outbox)) {
            assertThat(files.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(expected.size());
        }
        // Letters the killed notifier had delivered were recorded from the delivery ledger, not sent again:
        // their evidence carries the first (pre-crash) delivery time. Delivery is one letter at a time, so
        // the kill can catch at most one letter between the outbox write and its ledger record; the restart
        // rewrites that one to the same file with no second manifest row (no duplicates, checked above).
        assertThat(letters.stream().filter(l -> l.getSentAt().isBefore(killedAt)).count()).isGreaterThanOrEqualTo(inOutboxAtCrash - 1);
        // Each evidence record names the outbox file that holds exactly the PDF it hashes.
        for (Letter l : letters) {
            byte[] file = Files.readAllBytes(outbox.resolve(l.getProviderReference()));
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file)))
                    .as(l.getLetterId()).isEqualTo(l.getContentHash());
        }
    }

    private static List<Letter> committedLetters() {
        return EventLog.values(broker.bootstrapServers(), TOPICS.letters);
    }

    /** A school, 150 pupils with two parents each, and one "AL 1.1.0" request per pupil; returns the letter ids due. */
    private static Set<String> publishLetterRequests() {
        Set<String> expected = new HashSet<>();
        List<PupilContacts> contacts = new ArrayList<>();
        try (KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), TOPICS);
             KafkaProducer<byte[], byte[]> events = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            publisher.publishSchool(LetterRequests.hillside());
            for (int i = 1; i <= EVENTS; i++) {
                String upn = Upn.of(938, 4002, 25, i);
                contacts.add(PupilContacts.newBuilder().setUpn(upn).setPupilName("Pupil " + i).setUpdatedBy("test").setParents(List.of(
                        LetterRequests.postedParent("p1", "Parent A" + i, List.of(i + " Mill Lane", "Northtown"), "NR1 2AB"),
                        LetterRequests.postedParent("p2", "Parent B" + i, List.of(i + " Harbour Road", "Bristol"), "BS1 4DJ"))).build());
            }
            publisher.publishContacts(contacts);
            for (int i = 1; i <= EVENTS; i++) {
                String upn = Upn.of(938, 4002, 25, i);
                String caseId = upn + "-100002-apws-1";
                events.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 2)));
                expected.add(caseId + ":2:p1");
                expected.add(caseId + ":2:p2");
            }
            events.flush();
        }
        return expected;
    }
}
