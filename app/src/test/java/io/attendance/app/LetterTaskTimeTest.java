package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.pupil.Upn;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.CaseAction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time is data for the notifier's tasks too. The case processor holds a school's day end until input
 * recorded after it arrives, and takes an input's record time as proof that every earlier day has
 * ended. A task stamped with the machine's clock (2026 in a replay of 2025, or the demo) therefore
 * ended every day its partition still held, whenever the notifier happened to get there: the cluster
 * deployment test once saw case events differ from the undisturbed run's this way.
 */
class LetterTaskTimeTest {
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());

    @Test
    void a_letter_with_no_parent_to_send_it_to_raises_its_task_at_the_day_end_that_asked_for_the_letter_not_at_the_machine_time()
            throws Exception {
        try (EmbeddedBroker broker = TestNodes.broker("letter-task-time")) {
            TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
            String upn = Upn.of(938, 4002, 25, 7);
            // The engine asked for the awareness letter at the end of Tuesday 23 September 2025 (its tick's time).
            long dayEnd = Instant.parse("2025-09-23T18:00:00Z").toEpochMilli();
            try (Notifier notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "task-time", null,
                    TestNodes.scratch("letter-task-time").resolve("outbox"), 1, 10), TOPICS).start();
                 KafkaProducer<byte[], byte[]> engine = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                engine.send(LetterRequests.record(LetterRequests.awarenessLetter(upn, 2), dayEnd)).get();
                // No contacts are held for the pupil: the letter is not sent and the case gets a task.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !EventLog.read(broker.bootstrapServers(), TOPICS.caseActions.name(), Map.of()).entries().isEmpty());
                assertThat(notifier.failure()).isEmpty();
            }
            List<EventLog.Entry> tasks = EventLog.read(broker.bootstrapServers(), TOPICS.caseActions.name(), Map.of()).entries();
            assertThat(tasks).hasSize(1);
            CaseAction task = TOPICS.caseActions.valueSerde().deserializer().deserialize(TOPICS.caseActions.name(), tasks.get(0).value());
            assertThat(task.getActionId()).isEqualTo("notifier:" + upn + "-100002-apws-1:2:no-contacts");
            assertThat(task.getCaseId()).isEqualTo(upn + "-100002-apws-1");
            assertThat(Instant.ofEpochMilli(tasks.get(0).timestamp())).isEqualTo(Instant.parse("2025-09-23T18:00:00Z"));
        }
    }
}
