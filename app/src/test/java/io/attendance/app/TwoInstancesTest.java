package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.app.kafka.KafkaRevocations;
import io.attendance.core.pupil.Upn;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances sharing one application.id: either answers for any pupil, forwarding to the owner. */
class TwoInstancesTest {
    private static final int PUPILS = 30;
    private static EmbeddedBroker broker;
    private static AttendanceNode a;
    private static AttendanceNode b;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("two");
        String appId = "two-" + UUID.randomUUID();
        a = TestNodes.node(broker, appId, "a");
        b = TestNodes.node(broker, appId, "b");
        // Both running and each the active owner of some partitions.
        await().atMost(Duration.ofSeconds(90)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                && b.streams().state() == KafkaStreams.State.RUNNING
                && a.streams().metadataForAllStreamsClients().stream().filter(m -> !m.topicPartitions().isEmpty()).count() == 2);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        broker.close();
    }

    @Test
    void eitherInstanceAnswersForEveryPupilAndListsTheWholeSchool() {
        Http httpA = new Http(a.httpPort());
        Http httpB = new Http(b.httpPort());
        assertThat(httpA.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(200);
        List<String> upns = new ArrayList<>();
        StringBuilder csv = new StringBuilder("upn,urn,date,session,code\n");
        for (int i = 0; i < PUPILS; i++) {
            String upn = Upn.of(938, 2001, 25, 100 + i);
            upns.add(upn);
            // Pupil i is absent (O) for the first i % 3 sessions of 8 Sep, present otherwise: 2 possible sessions each.
            csv.append(upn).append(",100001,2025-09-08,AM,").append(i % 3 >= 1 ? "O" : "/").append('\n');
            csv.append(upn).append(",100001,2025-09-08,PM,").append(i % 3 >= 2 ? "O" : "\\").append('\n');
        }
        assertThat(httpA.post("/api/v1/marks", "text/csv", csv.toString()).json().get("accepted").asInt()).isEqualTo(2 * PUPILS);

        Set<String> owners = new HashSet<>();
        for (String upn : upns) {
            var meta = a.streams().queryMetadataForKey(StoreNames.PUPILS, upn, Serdes.String().serializer());
            owners.add(meta.activeHost().toString());
        }
        assertThat(owners).as("pupils are spread over both instances").hasSize(2);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < PUPILS; i++) {
                String upn = upns.get(i);
                Http.Response fromA = httpA.get("/api/v1/pupils/" + upn);
                Http.Response fromB = httpB.get("/api/v1/pupils/" + upn);
                assertThat(fromA.status()).as(upn + " via A").isEqualTo(200);
                assertThat(fromB.status()).as(upn + " via B").isEqualTo(200);
                assertThat(fromA.body()).isEqualTo(fromB.body());
                assertThat(fromA.json().get("yearToDate").get("unauthorised").asInt()).isEqualTo(i % 3);
            }
        });
        // Severe is 50% or more absent: i % 3 == 1 (1 of 2) and i % 3 == 2 (2 of 2), 20 of the 30 pupils.
        Http.Response severeViaB = httpB.get("/api/v1/schools/100001/pupils?flag=severe");
        assertThat(severeViaB.json().get("count").asInt()).isEqualTo(20);
        assertThat(httpB.get("/api/v1/schools/100001/pupils").json().get("count").asInt()).isEqualTo(PUPILS);

        // The owner's answer read into the same record and written again is the owner's answer, byte for byte:
        // the register, the school's figures, and the pages (which call the services in-process).
        for (String upn : upns.subList(0, 6)) {
            assertThat(httpB.get("/api/v1/pupils/" + upn + "/register").body()).isEqualTo(httpA.get("/api/v1/pupils/" + upn + "/register").body());
        }
        assertThat(httpB.get("/api/v1/schools").body()).isEqualTo(httpA.get("/api/v1/schools").body())
                .contains("\"pupils\":" + PUPILS);
        Http officerA = Http.signedIn(a.httpPort(), DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        Http officerB = Http.signedIn(b.httpPort(), DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        for (String page : List.of("/", "/schools/100001?flag=severe", TestNodes.pupilPage(upns.get(1)), TestNodes.pupilPage(upns.get(2)))) {
            Http.Response viaA = officerA.get(page), viaB = officerB.get(page);
            assertThat(viaA.status()).as(page).isEqualTo(200);
            assertThat(comparable(viaB.body())).as(page + " via either instance").isEqualTo(comparable(viaA.body()));
        }
    }

    /** A page without what differs by the moment and the session: its form token and its "updated" time. */
    private static String comparable(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "").replaceAll("updated \\d\\d:\\d\\d:\\d\\d", "");
    }

    @Test
    void signingOutOnOneInstanceEndsTheSessionOnTheOther() {
        Http officerOnA = Http.signedIn(a.httpPort(), DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        Http sessionOnA = new Http(a.httpPort(), Map.of("Cookie", officerOnA.cookie()));
        Http sessionOnB = new Http(b.httpPort(), Map.of("Cookie", officerOnA.cookie()));
        assertThat(sessionOnB.get("/api/v1/policies").status()).as("one session, either instance").isEqualTo(200);

        assertThat(officerOnA.post("/sign-out", "application/x-www-form-urlencoded", "").status()).isEqualTo(302);
        assertThat(sessionOnA.get("/api/v1/policies").status()).as("refused at once where it was signed out").isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessionOnB.get("/api/v1/policies").status()).isEqualTo(401));
        // An instance that starts later reads every sign-out from the beginning of the topic.
        String sessionId = officerOnA.cookie().split("\\.")[2];
        try (KafkaRevocations later = new KafkaRevocations(broker.bootstrapServers(), a.topics().sessionRevocations, a.publisher(),
                java.time.Clock.systemUTC()).start(Duration.ofSeconds(30))) {
            assertThat(later.revoked(sessionId)).isTrue();
        }
    }
}
