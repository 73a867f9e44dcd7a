package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.core.pupil.Upn;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.ClockTick;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Children's personal data on a real broker: who read it (the access log), what a subject access
 * request gets, and what removal and erasure leave behind. Marshside (100003, Northshire, the national
 * penalty-notice framework) has a pupil with a case and a letter and a pupil with two marks and no
 * case; Southbank (200001) is another LA's.
 */
class PersonalDataTest {
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Notifier notifier;
    private static Http admin, officer, dpo;
    /** Ten unauthorised sessions (Mon 8 – Fri 12 Sep 2025): a penalty-notice case, and its letter to the mother. */
    private static final String CASED = Upn.of(938, 4003, 25, 401);
    private static final String SOUTH = Upn.of(939, 5001, 25, 403);
    private static String caseId;
    private static final Instant START = Instant.now();

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("personal");
        node = TestNodes.node(broker, "personal-" + UUID.randomUUID(), "personal-node");
        notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "personal-" + UUID.randomUUID(), null,
                TestNodes.scratch("personal-outbox"), 2, 50), node.topics()).start();
        int port = node.httpPort();
        admin = new Http(port);
        TestNodes.putTwoLas(admin);
        // The admin key may give a pupil's parents before the first register (once the service answers: 503 while starting).
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.put("/api/v1/pupils/" + CASED + "/contacts", """
                {"pupilName": "Sam Taylor", "parents": [{"parentId": "p1", "name": "Claire Taylor", "relationship": "mother",
                 "addressLines": ["12 Mill Lane", "Northtown"], "postcode": "NR1 2AB", "preferredChannel": "post"}]}""").status() == 200);
        for (int d = 8; d <= 12; d++) {
            String date = "2025-09-%02d".formatted(d);
            TestNodes.absent(admin, CASED, "100003", date);
            TestNodes.absent(admin, SOUTH, "200001", date);
            for (String urn : List.of("100003", "200001")) node.publisher().publishTicks(List.of(new ClockTick(urn, LocalDate.parse(date), "test")));
        }
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode cases = admin.get("/api/v1/cases?upn=" + CASED).json();
            assertThat(cases.findValuesAsText("id")).hasSize(1);
            ids.addAll(cases.findValuesAsText("id"));
        });
        caseId = ids.get(0);
        officer = Http.signedIn(port, DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        dpo = Http.signedIn(port, DemoAccounts.DPO, DemoAccounts.DPO_PASSWORD);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        node.close();
        broker.close();
    }


    private static List<JsonNode> log(String upn) {
        return log(dpo, upn);
    }

    private static List<JsonNode> log(Http who, String upn) {
        Http.Response r = who.get("/api/v1/pupils/" + upn + "/access-log");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    private static String describe(JsonNode e) {
        return e.get("who").asText() + "/" + e.get("role").asText() + "/" + e.get("what").asText() + "/" + e.get("via").asText()
                + "/" + e.get("resource").asText();
    }

    @Test
    void a_page_view_and_an_api_read_are_each_recorded_with_who_when_what_and_the_instance() {
        Instant before = Instant.now();
        assertThat(officer.get("/pupils/" + CASED).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/pupils/" + CASED + "/register").status()).isEqualTo(200);
        assertThat(officer.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
        // A read refused (another LA's pupil) shows nothing and is not a read of anyone's data.
        assertThat(officer.get("/api/v1/pupils/" + SOUTH).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("officer/la-officer/pupil/page/" + CASED, "admin-key/admin/register/api/" + CASED,
                        "officer/la-officer/case/api/" + caseId));
        for (JsonNode e : log(CASED)) {
            assertThat(e.get("instance").asText()).isEqualTo("localhost:" + node.httpPort());
            assertThat(Instant.parse(e.get("at").asText())).isBetween(START, Instant.now());
            if (describe(e).startsWith("officer/la-officer/pupil/page")) {
                assertThat(Instant.parse(e.get("at").asText())).isAfterOrEqualTo(before.minusMillis(1));
                assertThat(e.get("urn").asText()).isEqualTo("100003");
            }
        }
        assertThat(log(admin, SOUTH)).extracting(PersonalDataTest::describe).noneMatch(d -> d.startsWith("officer/"));
    }

    @Test
    void only_the_las_data_protection_lead_reads_the_access_log_and_only_for_its_own_pupils() {
        assertThat(officer.get("/api/v1/pupils/" + CASED + "/access-log").status()).isEqualTo(403);
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD)
                .get("/api/v1/pupils/" + CASED + "/access-log").status()).isEqualTo(403);
        assertThat(dpo.get("/api/v1/pupils/" + SOUTH + "/access-log").status()).isEqualTo(404);
        // Reading the log is itself a read of the pupil's data.
        log(CASED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("dpo/la-admin/access-log/api/" + CASED));
    }
}
