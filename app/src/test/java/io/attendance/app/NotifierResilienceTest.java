package io.attendance.app;

import io.attendance.app.kafka.GroupProgress;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notifier on a real broker when Kafka's side of things goes wrong. */
class NotifierResilienceTest {
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());

    /**
     * An IT team watches the notifier's consumer lag: it must read 0 once every case event is handled.
     * A case-events partition can end in records the notifier never sees as records — a transaction
     * marker that became readable after its batch (on a replicated cluster), or an aborted
     * transaction's records and marker (made here, deterministically). The notifier commits its
     * position past them.
     */
    @Test
    void case_events_ending_in_an_aborted_transaction_leave_the_drained_notifier_with_a_lag_of_0() throws Exception {
        try (EmbeddedBroker broker = TestNodes.broker("notifier-lag");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
            String upn = Upn.of(938, 4002, 25, 1);
            Set<String> caseEvents = Set.of(TOPICS.caseEvents.name());
            try (Notifier notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "lag-1", null,
                    TestNodes.scratch("notifier-lag").resolve("outbox"), 1, 10), TOPICS).start()) {
                // A committed request: handled (no contacts are known, so NOT_SENT evidence and a task) and committed.
                try (KafkaProducer<byte[], byte[]> plain = producer(broker, Map.of())) {
                    plain.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 2))).get();
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> GroupProgress.lag(admin, Notifier.GROUP, caseEvents) == 0);

                // Then a request in a transaction that aborts: two offsets (record, abort marker) and nothing to handle.
                try (KafkaProducer<byte[], byte[]> tx = producer(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test-aborts"))) {
                    tx.initTransactions();
                    tx.beginTransaction();
                    tx.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 3))).get();
                    tx.abortTransaction();
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> GroupProgress.lag(admin, Notifier.GROUP, caseEvents) == 0);
                assertThat(notifier.failure()).isEmpty();
            }
            // Only the committed request became a letter.
            List<Letter> letters = letters(broker);
            assertThat(letters).extracting(Letter::getEventId).containsOnly(upn + "-100002-apws-1:2");
            assertThat(letters).extracting(Letter::getStatus).containsOnly(LetterStatus.NOT_SENT);
        }
    }

    /**
     * The broker fences the notifier's transaction (here: another producer takes its transactional id,
     * as the coordinator does when it aborts a transaction on its own). The notifier drops the batch's
     * transaction, starts a new producer and reads the batch again: the letters it had already put in
     * the outbox are found in the delivery ledger and recorded, not sent again, and the letters after
     * the fence go out. Every letter once, in the outbox and on the letters topic.
     */
    @Test
    void a_notifier_whose_transaction_is_fenced_mid_run_reads_the_batch_again_and_sends_every_letter_once() throws Exception {
        try (EmbeddedBroker broker = TestNodes.broker("notifier-fenced");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), TOPICS)) {
            TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
            publisher.publishSchool(LetterRequests.hillside());
            List<String> upns = new ArrayList<>();
            List<PupilContacts> families = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String upn = Upn.of(938, 4002, 25, i);
                upns.add(upn);
                families.add(PupilContacts.newBuilder().setUpn(upn).setPupilName("Pupil " + i).setUpdatedBy("test").setParents(List.of(
                        LetterRequests.postedParent("p1", "Parent A" + i, List.of(i + " Mill Lane", "Northtown"), "NR1 2AB"),
                        LetterRequests.postedParent("p2", "Parent B" + i, List.of(i + " Harbour Road", "Northtown"), "BS1 4DJ"))).build());
            }
            publisher.publishContacts(families);
            Path outbox = TestNodes.scratch("notifier-fenced").resolve("outbox");
            Set<String> caseEvents = Set.of(TOPICS.caseEvents.name());
            // Two letters per request (one per parent), worked out by hand: 10 requests before the fence, 10 after.
            Set<String> expected = new TreeSet<>();
            upns.forEach(upn -> List.of("p1", "p2").forEach(p -> expected.add(upn + "-100002-apws-1:2:" + p)));

            try (Notifier notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "fenced-1", null, outbox, 1, 10), TOPICS).start();
                 KafkaProducer<byte[], byte[]> plain = producer(broker, Map.of())) {
                for (String upn : upns.subList(0, 10)) plain.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 2)));
                plain.flush();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> GroupProgress.lag(admin, Notifier.GROUP, caseEvents) == 0 && letters(broker).size() == 20);
                assertThat(notifier.recoveries()).isZero();

                try (KafkaProducer<byte[], byte[]> usurper = producer(broker,
                        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Notifier.transactionalId("fenced-1")))) {
                    usurper.initTransactions(); // bumps the epoch: the notifier's producer is fenced from now on
                }
                for (String upn : upns.subList(10, 20)) plain.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 2)));
                plain.flush();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> GroupProgress.lag(admin, Notifier.GROUP, caseEvents) == 0 && letters(broker).size() >= 40);
                assertThat(notifier.recoveries()).as("the fenced transaction was abandoned and the batch read again").isPositive();
                assertThat(notifier.failure()).isEmpty();
            }
            List<Letter> letters = letters(broker);
            assertThat(letters).extracting(Letter::getLetterId).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(letters.stream().map(Letter::getLetterId).toList())).isEqualTo(expected);
            assertThat(letters).extracting(Letter::getStatus).containsOnly(LetterStatus.SENT);
            List<String> posted = OutboxChannel.listedLetterIds(outbox);
            assertThat(posted).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(posted)).isEqualTo(expected);
        }
    }

    private static List<Letter> letters(EmbeddedBroker broker) {
        return EventLog.values(broker.bootstrapServers(), TOPICS.letters);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

}
