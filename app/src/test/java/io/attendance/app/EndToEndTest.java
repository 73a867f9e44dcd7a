package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.schemas.AttendanceSignal;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.Upn;
import io.attendance.contract.DeadLetters;
import io.attendance.contract.MarkKey;
import io.attendance.contract.PupilPartitioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One instance on a real embedded broker, driven only through HTTP and the topics. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final String P1 = Upn.of(938, 2001, 25, 1);
    private static final String P2 = Upn.of(938, 2001, 25, 2);
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("e2e");
        node = TestNodes.node(broker, "e2e-" + UUID.randomUUID(), "e2e-node");
        http = new Http(node.httpPort());
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health").status() == 200);
    }

    @AfterAll
    static void stop() {
        node.close();
        broker.close();
    }

    @Test
    @Order(1)
    void aSchoolWithMissingFieldsIsRefusedFieldByField() {
        Http.Response r = http.put("/api/v1/schools/100001", """
                {"name": "Riverside", "expectedAttendancePct": 120, "terms": [{"start": "2025-09-03", "end": "2025-08-01"}]}
                """);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactly("la", "policy", "expectedAttendancePct", "terms[0]");
    }

    @Test
    @Order(2)
    void marksPostedAsJsonAndCsvAreCountedAndBadRowsAreNamed() {
        assertThat(http.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(200);

        Http.Response json = http.post("/api/v1/marks", "application/json", """
                [{"upn": "%1$s", "urn": "100001", "date": "2025-09-08", "session": "AM", "code": "/", "recordedAt": "2025-09-08T09:10:00Z"},
                 {"upn": "%1$s", "urn": "100001", "date": "2025-09-08", "session": "PM", "code": "\\\\", "recordedAt": "2025-09-08T13:40:00Z"},
                 {"upn": "%1$s", "urn": "100001", "date": "2025-09-09", "session": "AM", "code": "N", "recordedAt": "2025-09-09T09:10:00Z"},
                 {"upn": "%1$s", "urn": "100001", "date": "2025-09-09", "session": "PM", "code": "O", "recordedAt": "2025-09-09T13:40:00Z"},
                 {"upn": "A801200125001", "urn": "100001", "date": "2025-09-09", "session": "PM", "code": "O"}]
                """.formatted(P1));
        assertThat(json.status()).isEqualTo(202);
        assertThat(json.json().get("accepted").asInt()).isEqualTo(4);
        assertThat(json.json().get("rejected").toString()).isEqualTo(
                "[{\"row\":5,\"field\":\"upn\",\"error\":\"UPN check letter does not match the other 12 characters\"}]");

        Http.Response csv = http.post("/api/v1/marks", "text/csv", """
                upn,urn,date,session,code
                %1$s,100001,2025-09-10,AM,I
                %1$s,100001,2025-09-13,AM,/
                %1$s,100001,2025-09-10,PM,Q7
                %1$s,100001,2025-09-10,PM,L
                """.formatted(P1));
        assertThat(csv.status()).isEqualTo(202);
        assertThat(csv.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(csv.json().get("rejected").toString()).isEqualTo("["
                + "{\"row\":2,\"field\":\"date\",\"error\":\"2025-09-13 is not a school day of school 100001 (a day closed after its registers takes only a code for a session that was not possible, e.g. Y4 or #)\"},"
                + "{\"row\":3,\"field\":\"code\",\"error\":\"unknown attendance code 'Q7'\"}]");

        Http.Response allBad = http.post("/api/v1/marks", "text/csv", "upn,urn,date,session,code\nX,1,2025-09-10,XM,/\n");
        assertThat(allBad.status()).isEqualTo(400);
        assertThat(allBad.json().get("rejected").findValuesAsText("field")).containsExactly("session", "upn", "urn");

        // The school decides the N of 9 Sep AM was illness.
        assertThat(http.post("/api/v1/marks", "application/json", """
                [{"upn": "%s", "urn": "100001", "date": "2025-09-09", "session": "AM", "code": "I", "recordedAt": "2025-09-11T10:00:00Z"}]
                """.formatted(P1)).status()).isEqualTo(202);

        // Standing marks: 8 Sep / \ ; 9 Sep I O ; 10 Sep I L → 6 possible, 3 attended, 2 authorised, 1 unauthorised.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Response p = http.get("/api/v1/pupils/" + P1);
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).contains(
                    "\"yearToDate\":{\"possible\":6,\"attended\":3,\"authorised\":2,\"unauthorised\":1,\"attendancePct\":50.00}");
            assertThat(p.json().get("asOf").asText()).isEqualTo("2025-09-10");
            assertThat(p.json().get("rolling").findValuesAsText("schoolWeeks")).containsExactly("6", "10");
            assertThat(p.json().get("flags").toString()).isEqualTo("[\"PERSISTENT_ABSENCE\",\"SEVERE_ABSENCE\"]");
        });
        JsonNode severe = http.get("/api/v1/schools/100001/pupils?flag=severe").json();
        assertThat(severe.get("pupils").findValuesAsText("upn")).containsExactly(P1);
        assertThat(http.get("/api/v1/schools/100001/pupils?flag=penalty-notice").json().get("count").asInt()).isZero();
        assertThat(http.get("/api/v1/schools/100001/pupils?flag=sometimes").status()).isEqualTo(400);

        // 50% absent after the first four marks, unchanged since: each flag raised exactly once.
        List<AttendanceSignal> signals = signalsFor(P1, 2);
        assertThat(signals).extracting(s -> s.getFlag() + " " + s.getChange())
                .containsExactly("PERSISTENT_ABSENCE RAISED", "SEVERE_ABSENCE RAISED");
    }

    @Test
    @Order(3)
    void unknownPupilIs404AndAMalformedUpnIs400() {
        assertThat(http.get("/api/v1/pupils/" + Upn.of(938, 2001, 25, 999)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/pupils/NOTAUPN").status()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void anUnreadableRecordGoesToTheDeadLetterTopicAndAMisroutedMarkIsStillCounted() {
        int pupilPartition = PupilPartitioner.partitionOf(P2, 6);
        RegisterMark mark = new RegisterMark(P2, "100001", LocalDate.parse("2025-09-08"), Session.AM, "O",
                Instant.parse("2025-09-08T09:10:00Z"), "mis:test");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("marks", "100001|junk|2025-09-08|AM".getBytes(StandardCharsets.UTF_8),
                    new byte[]{42, 42})).get();
            // Produced to the wrong partition, as a producer without the pupil partitioner might.
            producer.send(new ProducerRecord<>("marks", (pupilPartition + 1) % 6,
                    MarkKey.of(mark).format().getBytes(StandardCharsets.UTF_8),
                    node.topics().marks.valueSerde().serializer().serialize("marks", mark))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Response p = http.get("/api/v1/pupils/" + P2);
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.json().get("yearToDate").get("unauthorised").asInt()).isEqualTo(1);
        });
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            c.subscribe(List.of("marks.dlq"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(DeadLetters.reasonOf(r.headers())));
                return !reasons.isEmpty();
            });
        }
        assertThat(reasons).containsExactly("value: cannot read RegisterMark: Not enough header bytes");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void metricsAreExposedForPrometheus() {
        Http.Response m = http.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("attendance_marks_accepted_total 7.0").contains("attendance_marks_rejected_total 4.0")
                .contains("kafka_stream");
    }

    @Test
    @Order(6)
    void aPageOpenOnAPupilIsToldWhenTheirNextMarkIsCounted() throws Exception {
        // The page listens on /live; the feed reads the topology's pupil-changes output (not a changelog).
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + node.httpPort() + "/live?pupil=" + TestNodes.pupilPage(P1).substring("/pupils/".length())))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_KEY).header("Accept", "text/event-stream").build(); // as a browser's EventSource
        var stream = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).anyMatch(l -> l.contains("listening")));
            assertThat(lines).noneMatch(l -> l.startsWith("event: change"));

            assertThat(http.post("/api/v1/marks", "text/csv", "upn,urn,date,session,code\n" + P1 + ",100001,2025-09-11,AM,/\n").status())
                    .isEqualTo(202);

            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("pupil-changes"));
                List<String> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (var r : c.poll(Duration.ofMillis(200))) seen.add(r.key() + "=" + r.value());
                    assertThat(seen).as("the topology's pupil-changes output").contains(P1 + "=100001");
                });
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines).anyMatch(l -> l.startsWith("event: change")));
        } finally {
            stream.cancel(true);
        }
    }

    private static List<AttendanceSignal> signalsFor(String upn, int expected) {
        List<AttendanceSignal> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("attendance-signals"));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(upn)) out.add(node.topics().signals.valueSerde().deserializer().deserialize("", r.value()));
                }
            }
            // Anything more would be a duplicate: read once more to be sure none follows.
            c.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (r.key().equals(upn)) out.add(node.topics().signals.valueSerde().deserializer().deserialize("", r.value()));
            });
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> consumerProps() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
