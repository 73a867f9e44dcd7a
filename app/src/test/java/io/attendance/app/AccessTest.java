package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.ClockTick;
import io.attendance.core.pupil.Upn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint and page, asked by each role about its own scope and about someone else's, on a
 * real broker. Two Northshire schools (Riverside, Marshside) and one school of another LA
 * (Southbank, Southshire). The demo's accounts: an LA officer and a viewer of Northshire, the
 * Riverside attendance lead, Riverside's MIS key. Out of scope is always 404: not even whether
 * the pupil or case exists is given away. A role that may see but not do gets 403.
 */
class AccessTest {
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Notifier notifier;
    private static Http admin, officer, school, viewer, mis, anonymous;
    private static final String RIV = Upn.of(938, 4001, 25, 301);
    private static final String MAR = Upn.of(938, 4003, 25, 302);
    private static final String SOUTH = Upn.of(939, 5001, 25, 303);
    private static String rivCase, marCase, southCase, rivLetterPdf;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("access");
        node = TestNodes.node(broker, "access-" + UUID.randomUUID(), "access-node");
        notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "access-" + UUID.randomUUID(), null,
                TestNodes.scratch("access-outbox"), 2, 50), node.topics()).start();
        int port = node.httpPort();
        admin = new Http(port);
        anonymous = Http.anonymous(port);
        mis = Http.withKey(port, DemoAccounts.RIVERSIDE_MIS_KEY);
        TestNodes.putTwoLas(admin);
        // Five days of unauthorised absence (Mon 8 – Fri 12 Sep 2025): 10 sessions, so each pupil is eligible for a penalty notice.
        for (int d = 8; d <= 12; d++) {
            String date = "2025-09-%02d".formatted(d);
            TestNodes.absent(admin, RIV, "100001", date);
            TestNodes.absent(admin, MAR, "100003", date);
            TestNodes.absent(admin, SOUTH, "200001", date);
            for (String urn : List.of("100001", "100003", "200001")) {
                node.publisher().publishTicks(List.of(new ClockTick(urn, LocalDate.parse(date), "test")));
            }
        }
        // Riverside's Fast Track (the quick guide) opens on a year-to-date figure only after 4 school weeks
        // of register: the school opens it by hand on Fri 12 Sep, once the pupil is readable.
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/pupils/" + RIV).status() == 200);
        Http.Response opened = admin.post("/api/v1/pupils/" + RIV + "/cases", "application/json", "{\"date\": \"2025-09-12\", \"note\": \"a week of absence\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        rivCase = opened.json().get("id").asText();
        assertThat(TestNodes.caseIdOf(rivCase)).contains("-norfolk-fast-track-");
        marCase = awaitCase(MAR, "national-penalty-notice");
        southCase = awaitCase(SOUTH, "national-penalty-notice");
        assertThat(admin.put("/api/v1/pupils/" + RIV + "/contacts", """
                {"pupilName": "Sam Taylor", "parents": [{"parentId": "p1", "name": "Claire Taylor", "relationship": "mother",
                 "addressLines": ["12 Mill Lane", "Northtown"], "postcode": "NR1 2AB", "preferredChannel": "post"}]}""").status()).isEqualTo(200);
        officer = Http.signedIn(port, DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        school = Http.signedIn(port, DemoAccounts.SCHOOL, DemoAccounts.SCHOOL_PASSWORD);
        viewer = Http.signedIn(port, DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD);
        // The officer records the warning; the notifier sends its letter to the mother.
        Http.Response warned = officer.post("/api/v1/cases/" + rivCase + "/actions", "application/json",
                "{\"action\": \"send-pre-legal-warning\", \"date\": \"2025-09-15\"}");
        assertThat(warned.status()).as(warned.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode sent = admin.get("/api/v1/cases/" + rivCase).json().get("lettersSent");
            assertThat(sent).isNotEmpty();
            assertThat(sent.get(0).get("pdf").isNull()).isFalse();
            rivLetterPdf = sent.get(0).get("pdf").asText();
        });
    }

    @AfterAll
    static void stop() {
        notifier.close();
        node.close();
        broker.close();
    }


    private static String awaitCase(String upn, String family) {
        List<String> id = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode cases = admin.get("/api/v1/cases?upn=" + upn).json();
            assertThat(cases.findValuesAsText("id")).anyMatch(i -> TestNodes.caseIdOf(i).contains("-" + family + "-"));
            cases.findValuesAsText("id").stream().filter(i -> TestNodes.caseIdOf(i).contains("-" + family + "-")).forEach(id::add);
        });
        return id.get(0);
    }

    private static int status(Http h, String path) {
        return h.get(path).status();
    }

    @Test
    void without_credentials_the_api_answers_401_and_pages_send_the_browser_to_sign_in() {
        for (String path : List.of("/api/v1/schools", "/api/v1/schools/100001", "/api/v1/schools/100001/pupils", "/api/v1/pupils/" + RIV,
                "/api/v1/pupils/" + RIV + "/register", "/api/v1/cases", "/api/v1/cases/" + rivCase, "/api/v1/tasks", "/api/v1/policies",
                rivLetterPdf, "/live?pupil=" + TestNodes.pupilPage(RIV).substring("/pupils/".length()))) {
            assertThat(status(anonymous, path)).as(path).isEqualTo(401);
        }
        assertThat(anonymous.post("/api/v1/marks", "application/json", "[]").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/cases/" + rivCase + "/actions", "application/json", "{}").status()).isEqualTo(401);
        for (String page : List.of("/", "/schools/100001", TestNodes.pupilPage(RIV), "/cases/" + rivCase, "/tasks")) {
            Http.Response r = anonymous.get(page);
            assertThat(r.status()).as(page).isEqualTo(302);
            assertThat(r.raw().headers().firstValue("Location").orElseThrow()).startsWith("/sign-in?next=");
        }
        assertThat(status(anonymous, "/health")).isEqualTo(200);
        assertThat(Http.withKey(node.httpPort(), "not-a-key").get("/api/v1/policies").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_password_does_not_sign_in_and_a_session_cannot_be_forged() {
        assertThat(Http.signIn(node.httpPort(), "officer", "wrong").status()).isEqualTo(401);
        assertThat(new Http(node.httpPort(), java.util.Map.of("Cookie", "attendance_session=b2ZmaWNlcg.9999999999.AAAA.deadbeef"))
                .get("/api/v1/policies").status()).isEqualTo(401);
    }

    @Test
    void the_la_officer_sees_every_northshire_school_and_nothing_of_another_la() {
        assertThat(officer.get("/api/v1/schools").json().findValuesAsText("urn")).containsExactly("100001", "100003");
        assertThat(status(officer, "/api/v1/schools/100003")).isEqualTo(200);
        assertThat(status(officer, "/api/v1/pupils/" + MAR)).isEqualTo(200);
        assertThat(status(officer, "/api/v1/cases/" + marCase)).isEqualTo(200);
        assertThat(status(officer, rivLetterPdf)).isEqualTo(200);
        for (String path : List.of("/api/v1/schools/200001", "/api/v1/schools/200001/pupils", "/api/v1/pupils/" + SOUTH,
                "/api/v1/pupils/" + SOUTH + "/register", "/api/v1/cases/" + southCase, "/schools/200001", TestNodes.pupilPage(SOUTH), "/cases/" + southCase)) {
            assertThat(status(officer, path)).as(path).isEqualTo(404);
        }
        assertThat(officer.get("/api/v1/cases?upn=" + SOUTH).json()).isEmpty();
        assertThat(officer.get("/api/v1/cases").json().findValuesAsText("urn")).doesNotContain("200001").contains("100001", "100003");
        assertThat(officer.post("/api/v1/cases/" + southCase + "/actions", "application/json",
                "{\"action\": \"issue-notice\", \"date\": \"2025-09-15\"}").status()).isEqualTo(404);
        assertThat(officer.put("/api/v1/schools/200001", TestNodes.RIVERSIDE_JSON.replace("Northshire", "Southshire")).status()).isEqualTo(403);
        assertThat(officer.get("/").body()).contains("Riverside Primary School", "Marshside Primary").doesNotContain("Southbank");
        assertThat(status(officer, "/api/v1/tasks")).isEqualTo(200);
    }

    @Test
    void the_school_user_sees_only_its_own_school_and_may_record_on_its_own_cases() {
        assertThat(school.get("/api/v1/schools").json().findValuesAsText("urn")).containsExactly("100001");
        assertThat(status(school, "/api/v1/pupils/" + RIV)).isEqualTo(200);
        assertThat(status(school, "/api/v1/cases/" + rivCase)).isEqualTo(200);
        assertThat(status(school, rivLetterPdf)).isEqualTo(200);
        assertThat(school.get("/cases/" + rivCase).body()).contains("Record an action");
        for (String path : List.of("/api/v1/schools/100003", "/api/v1/schools/100003/pupils", "/api/v1/pupils/" + MAR,
                "/api/v1/pupils/" + MAR + "/register", "/api/v1/cases/" + marCase, "/schools/100003", TestNodes.pupilPage(MAR), "/cases/" + marCase)) {
            assertThat(status(school, path)).as(path).isEqualTo(404);
        }
        assertThat(school.get("/api/v1/cases?upn=" + MAR).json()).isEmpty();
        assertThat(school.get("/api/v1/cases").json().findValuesAsText("urn")).containsOnly("100001");
        assertThat(school.get("/api/v1/tasks").json().findValuesAsText("urn")).doesNotContain("100003", "200001");
        assertThat(school.post("/api/v1/cases/" + marCase + "/actions", "application/json", "{\"action\": \"x\", \"date\": \"2025-09-15\"}").status())
                .isEqualTo(404);
        assertThat(school.post("/api/v1/pupils/" + MAR + "/cases", "application/json", "{\"date\": \"2025-09-15\"}").status()).isEqualTo(404);
        assertThat(school.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(403);
        assertThat(school.put("/api/v1/pupils/" + RIV + "/contacts", "{\"pupilName\": \"Sam\", \"parents\": []}").status()).isEqualTo(403);
        Http.Response other = school.post("/api/v1/marks", "application/json",
                "[{\"upn\": \"" + MAR + "\", \"urn\": \"100003\", \"date\": \"2025-09-15\", \"session\": \"AM\", \"code\": \"/\"}]");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("rejected").get(0).get("field").asText()).isEqualTo("urn");
        assertThat(school.post("/api/v1/marks", "application/json",
                "[{\"upn\": \"" + RIV + "\", \"urn\": \"100001\", \"date\": \"2025-09-15\", \"session\": \"AM\", \"code\": \"/\"}]").status()).isEqualTo(202);
    }

    @Test
    void the_viewer_reads_the_la_but_records_nothing() {
        assertThat(status(viewer, "/api/v1/pupils/" + RIV)).isEqualTo(200);
        assertThat(status(viewer, "/api/v1/cases/" + marCase)).isEqualTo(200);
        assertThat(status(viewer, "/api/v1/pupils/" + SOUTH)).isEqualTo(404);
        assertThat(viewer.post("/api/v1/cases/" + rivCase + "/actions", "application/json",
                "{\"action\": \"close-improved\", \"date\": \"2025-09-16\"}").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/pupils/" + RIV + "/cases", "application/json", "{}").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/marks", "application/json", "[]").status()).isEqualTo(403);
        assertThat(viewer.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(403);
        String page = viewer.get("/cases/" + rivCase).body();
        assertThat(page).contains("Case " + TestNodes.caseIdOf(rivCase)).doesNotContain("Record an action");
    }

    @Test
    void the_mis_key_posts_marks_for_its_own_school_only_and_reads_nothing() {
        assertThat(mis.post("/api/v1/marks", "application/json",
                "[{\"upn\": \"" + RIV + "\", \"urn\": \"100001\", \"date\": \"2025-09-16\", \"session\": \"AM\", \"code\": \"/\"}]").status()).isEqualTo(202);
        Http.Response other = mis.post("/api/v1/marks", "application/json",
                "[{\"upn\": \"" + MAR + "\", \"urn\": \"100003\", \"date\": \"2025-09-16\", \"session\": \"AM\", \"code\": \"/\"}]");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("rejected").get(0).get("error").asText()).contains("may not post marks for school 100003");
        for (String path : List.of("/api/v1/pupils/" + RIV, "/api/v1/schools", "/api/v1/policies", "/api/v1/cases/" + rivCase, "/")) {
            assertThat(status(mis, path)).as(path).isEqualTo(403);
        }
    }

    @Test
    void a_form_posted_with_the_session_cookie_but_without_its_csrf_token_is_refused() {
        String cookie = officer.cookie();
        Http noToken = new Http(node.httpPort(), java.util.Map.of("Cookie", cookie));
        assertThat(noToken.post("/api/v1/cases/" + rivCase + "/actions", "application/json",
                "{\"action\": \"close-improved\", \"date\": \"2025-09-16\"}").status()).isEqualTo(403);
        assertThat(noToken.post("/cases/" + rivCase + "/actions", "application/x-www-form-urlencoded",
                "action=close-improved&date=2025-09-16&_csrf=0000").status()).isEqualTo(403);
        assertThat(status(noToken, "/api/v1/cases/" + rivCase)).as("reading needs no token").isEqualTo(200);
    }
}
