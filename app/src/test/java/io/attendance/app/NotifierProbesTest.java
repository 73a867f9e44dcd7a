package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.app.letters.NotifierHttp;
import io.attendance.contract.KafkaClients;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.pupil.Upn;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier's own port, as an orchestrator and Prometheus read it: live and ready while it runs,
 * its letters counted by outcome once their batch is committed, and both probes failing once it stopped.
 */
class NotifierProbesTest {
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());

    @Test
    void a_running_notifier_is_live_and_ready_counts_a_letter_it_could_not_send_and_fails_both_probes_once_stopped() throws Exception {
        try (EmbeddedBroker broker = TestNodes.broker("notifier-probes")) {
            TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
            Notifier notifier = new Notifier(new NotifierSettings(KafkaClients.of(broker.bootstrapServers()), "probes", null,
                    TestNodes.scratch("notifier-probes").resolve("outbox"), 1, 10), TOPICS).start();
            try (NotifierHttp http = NotifierHttp.start(notifier, 0);
                 KafkaProducer<byte[], byte[]> engine = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                Http probe = Http.anonymous(http.port());
                assertThat(probe.get("/health/live").status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).until(() -> probe.get("/health/ready").status() == 200);
                assertThat(probe.get("/metrics").body()).contains("attendance_letters_total{status=\"not_sent\"} 0.0");

                // An awareness letter for a pupil with no contacts held: not sent (the case gets a task instead).
                engine.send(LetterRequests.record(LetterRequests.awarenessLetter(Upn.of(938, 4002, 25, 9), 2))).get();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(probe.get("/metrics").body()).contains("attendance_letters_total{status=\"not_sent\"} 1.0",
                                "attendance_letters_total{status=\"sent\"} 0.0", "attendance_notifier_lag 0.0"));

                notifier.close();
                assertThat(probe.get("/health/live").status()).isEqualTo(503);
                assertThat(probe.get("/health/ready").status()).isEqualTo(503);
            } finally {
                notifier.close();
            }
        }
    }
}
