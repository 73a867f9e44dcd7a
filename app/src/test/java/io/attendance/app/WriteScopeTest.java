package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.PupilContacts;
import io.attendance.core.pupil.Upn;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every write route, asked by each role that must not make it: a school user, a viewer, an officer
 * of another LA and the MIS key of another LA's school. Out of scope is 404 (as reads answer), a
 * role that may never write it 403, and nothing is written either way. And a pupil's school is
 * the roll's, not the last mark's: another school's MIS cannot take a pupil by posting one mark.
 */
class WriteScopeTest {
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Http admin, officer, otherLaOfficer, school, viewer, riversideMis, otherMis;
    private static final String RIV = Upn.of(938, 4001, 25, 401);
    private static final String MAR = Upn.of(938, 4003, 25, 402);
    private static final String TWIN = Upn.of(938, 4003, 25, 403);
    private static final String MOVER = Upn.of(938, 4001, 25, 404);
    private static String rivCase;
    private static final String CONTACTS = """
            {"pupilName": "Sam Taylor", "parents": [{"parentId": "p1", "name": "Claire Taylor", "relationship": "mother",
             "addressLines": ["12 Mill Lane", "Northtown"], "postcode": "NR1 2AB", "preferredChannel": "post"}]}""";

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("write-scope");
        node = TestNodes.node(broker, "write-scope-" + UUID.randomUUID(), "write-scope-node");
        int port = node.httpPort();
        admin = new Http(port);
        TestNodes.putTwoLas(admin);
        // Riverside's pupil misses Mon 8 – Fri 12 Sep 2025 unauthorised: 10 sessions open a Fast Track case.
        for (int d = 8; d <= 12; d++) {
            String date = "2025-09-%02d".formatted(d);
            Http.Response r = admin.post("/api/v1/marks", "application/json", """
                    [{"upn": "%1$s", "urn": "100001", "date": "%2$s", "session": "AM", "code": "O", "recordedAt": "%2$sT09:10:00Z"},
                     {"upn": "%1$s", "urn": "100001", "date": "%2$s", "session": "PM", "code": "O", "recordedAt": "%2$sT13:40:00Z"},
                     {"upn": "%3$s", "urn": "100003", "date": "%2$s", "session": "AM", "code": "/", "recordedAt": "%2$sT09:10:00Z"},
                     {"upn": "%3$s", "urn": "100003", "date": "%2$s", "session": "PM", "code": "\\\\", "recordedAt": "%2$sT13:40:00Z"}]""".formatted(RIV, date, MAR));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            for (String urn : List.of("100001", "100003")) node.publisher().publishTicks(List.of(new ClockTick(urn, LocalDate.parse(date), "test")));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/cases?upn=" + RIV).json().findValuesAsText("id")).isNotEmpty());
        rivCase = admin.get("/api/v1/cases?upn=" + RIV).json().get(0).get("id").asText();
        assertThat(admin.post("/api/v1/marks", "application/json", """
                [{"upn": "%1$s", "urn": "100003", "date": "2025-09-08", "session": "AM", "code": "/", "recordedAt": "2025-09-08T09:10:00Z"},
                 {"upn": "%2$s", "urn": "100001", "date": "2025-09-08", "session": "AM", "code": "O", "recordedAt": "2025-09-08T09:10:00Z"}]
                """.formatted(TWIN, MOVER)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/pupils/" + MAR).status() == 200
                && admin.get("/api/v1/pupils/" + TWIN).status() == 200 && admin.get("/api/v1/pupils/" + MOVER).status() == 200);
        officer = Http.signedIn(port, DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
        otherLaOfficer = Http.signedIn(port, TestNodes.OTHER_LA_OFFICER, TestNodes.OTHER_LA_PASSWORD);
        school = Http.signedIn(port, DemoAccounts.SCHOOL, DemoAccounts.SCHOOL_PASSWORD);
        viewer = Http.signedIn(port, DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD);
        riversideMis = Http.withKey(port, DemoAccounts.RIVERSIDE_MIS_KEY);
        otherMis = Http.withKey(port, TestNodes.OTHER_SCHOOL_MIS_KEY);
    }

    @AfterAll
    static void stop() {
        node.close();
        broker.close();
    }

    private static List<PupilContacts> contactsOf(String upn) {
        return EventLog.values(broker.bootstrapServers(), new Topics(new SingleObjectSerdes()).contacts).stream()
                .filter(c -> c.getUpn().equals(upn)).toList();
    }

    @Test
    void an_officer_of_another_la_cannot_replace_a_northshire_pupils_parents() {
        Http.Response r = otherLaOfficer.put("/api/v1/pupils/" + RIV + "/contacts", CONTACTS.replace("12 Mill Lane", "1 Elsewhere Road"));
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(contactsOf(RIV)).noneMatch(c -> c.getParents().get(0).getAddressLines().contains("1 Elsewhere Road"));
    }

    @Test
    void the_pupils_own_la_officer_changes_parents_and_is_recorded_as_who_did_even_when_naming_someone_else() {
        Http officerOnBehalf = officer.with("X-Recorded-By", "head-teacher");
        Http.Response r = officerOnBehalf.put("/api/v1/pupils/" + RIV + "/contacts", CONTACTS.replace("NR1 2AB", "NR1 9ZZ"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        PupilContacts stored = contactsOf(RIV).stream().filter(c -> "NR1 9ZZ".equals(c.getParents().get(0).getPostcode())).findFirst().orElseThrow();
        assertThat(stored.getUpdatedBy()).isEqualTo(DemoAccounts.OFFICER);
    }

    @Test
    void only_the_admin_key_may_record_on_someone_elses_behalf() {
        Http.Response r = admin.with("X-Recorded-By", "jo.okafor").put("/api/v1/pupils/" + RIV + "/contacts", CONTACTS.replace("NR1 2AB", "NR1 7AA"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(contactsOf(RIV).stream().filter(c -> "NR1 7AA".equals(c.getParents().get(0).getPostcode())).findFirst().orElseThrow()
                .getUpdatedBy()).isEqualTo("jo.okafor");
    }

    @Test
    void every_write_route_refuses_each_role_that_may_not_make_it() {
        String act = "{\"action\": \"close-improved\", \"date\": \"2025-09-16\"}";
        String roll = "{\"change\": \"dual\", \"urn\": \"100003\", \"date\": \"2025-09-16\"}";
        String mark = "[{\"upn\": \"" + RIV + "\", \"urn\": \"100001\", \"date\": \"2025-09-15\", \"session\": \"AM\", \"code\": \"/\"}]";
        // route → {other LA's officer, school user, viewer, other school's MIS}
        Map<String, List<Integer>> expected = new java.util.LinkedHashMap<>();
        expected.put("PUT contacts", List.of(404, 403, 403, 403));
        expected.put("POST roll", List.of(404, 403, 403, 403));
        expected.put("POST case action", List.of(404, 200, 403, 403)); // the school user records on its own school's case: checked apart
        expected.put("POST open case", List.of(404, 200, 403, 403));
        expected.put("PUT school", List.of(403, 403, 403, 403));
        List<Http> callers = List.of(otherLaOfficer, school, viewer, otherMis);
        for (int i = 0; i < callers.size(); i++) {
            Http c = callers.get(i);
            check(expected, "PUT contacts", i, c.put("/api/v1/pupils/" + RIV + "/contacts", CONTACTS));
            check(expected, "POST roll", i, c.post("/api/v1/pupils/" + RIV + "/roll", "application/json", roll));
            if (expected.get("POST case action").get(i) != 200) {
                check(expected, "POST case action", i, c.post("/api/v1/cases/" + rivCase + "/actions", "application/json", act));
                check(expected, "POST open case", i, c.post("/api/v1/pupils/" + RIV + "/cases", "application/json", "{}"));
            }
            check(expected, "PUT school", i, c.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON.replace("Riverside Primary School", "Taken")));
        }
        // Marks: a batch for another LA's school is refused row by row (400 naming urn), nothing is counted.
        for (Http c : List.of(otherLaOfficer, otherMis)) {
            Http.Response r = c.post("/api/v1/marks", "application/json", mark);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("rejected").get(0).get("field").asText()).isEqualTo("urn");
        }
        assertThat(viewer.post("/api/v1/marks", "application/json", mark).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/schools/100001").json().get("name").asText()).isEqualTo("Riverside Primary School");
        assertThat(admin.get("/api/v1/pupils/" + RIV).json().get("roll")).hasSize(1);
    }

    private static void check(Map<String, List<Integer>> expected, String route, int caller, Http.Response r) {
        assertThat(r.status()).as(route + " by caller " + caller + ": " + r.body()).isEqualTo(expected.get(route).get(caller));
    }

    @Test
    void one_mark_from_another_schools_mis_does_not_move_the_pupil_until_the_la_confirms() {
        // Riverside's MIS posts a mark at Riverside for Marshside's pupil (a later date than any of Marshside's marks).
        Http.Response posted = riversideMis.post("/api/v1/marks", "application/json",
                "[{\"upn\": \"" + MAR + "\", \"urn\": \"100001\", \"date\": \"2025-09-15\", \"session\": \"AM\", \"code\": \"O\", \"recordedAt\": \"2025-09-15T09:10:00Z\"}]");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/pupils/" + MAR).json().get("roll").findValuesAsText("registration")).contains("unconfirmed"));
        JsonNode pupil = admin.get("/api/v1/pupils/" + MAR).json();
        assertThat(pupil.get("yearToDate").get("possible").asInt()).as("recorded, not counted: Marshside's 10 sessions").isEqualTo(10);
        assertThat(pupil.get("urn").asText()).as("still Marshside's pupil").isEqualTo("100003");
        assertThat(pupil.get("roll").findValuesAsText("registration")).containsExactly("main", "unconfirmed");
        // Riverside's staff still cannot read Marshside's registers, open a case or list the pupil.
        assertThat(school.get("/api/v1/pupils/" + MAR).status()).isEqualTo(404);
        assertThat(school.get("/api/v1/pupils/" + MAR + "/register").status()).isEqualTo(404);
        assertThat(school.post("/api/v1/pupils/" + MAR + "/cases", "application/json", "{}").status()).isEqualTo(404);
        assertThat(school.get("/api/v1/schools/100001/pupils").json().findValuesAsText("upn")).doesNotContain(MAR);
        assertThat(officer.get("/api/v1/schools/100003/pupils").json().findValuesAsText("upn")).contains(MAR);

        // The LA confirms a dual registration: Riverside may now see the pupil; Marshside keeps the pupil's cases.
        Http.Response dual = officer.post("/api/v1/pupils/" + MAR + "/roll", "application/json",
                "{\"change\": \"dual\", \"urn\": \"100001\", \"date\": \"2025-09-15\"}");
        assertThat(dual.status()).as(dual.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> school.get("/api/v1/pupils/" + MAR).status() == 200);
        assertThat(officer.get("/api/v1/pupils/" + MAR).json().get("urn").asText()).isEqualTo("100003");
        assertThat(officer.get("/api/v1/pupils/" + MAR).json().get("yearToDate").get("possible").asInt()).as("Riverside's session counts now").isEqualTo(11);


        // A second dual registration at the same school is refused with the reason.
        Http.Response again = officer.post("/api/v1/pupils/" + MAR + "/roll", "application/json",
                "{\"change\": \"dual\", \"urn\": \"100001\", \"date\": \"2025-09-16\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).contains("already on the roll of 100001");

        // The LA confirms the move: Riverside holds the pupil, Marshside no longer sees them.
        assertThat(officer.post("/api/v1/pupils/" + MAR + "/roll", "application/json",
                "{\"change\": \"move\", \"urn\": \"100001\", \"date\": \"2025-09-22\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(officer.get("/api/v1/pupils/" + MAR).json().get("urn").asText()).isEqualTo("100001"));
        assertThat(school.get("/api/v1/schools/100001/pupils").json().findValuesAsText("upn")).contains(MAR);
        assertThat(officer.get("/api/v1/pupils/" + MAR).json().get("roll").findValuesAsText("to")).contains("2025-09-21");
    }

    @Test
    void a_viewer_is_refused_before_its_request_body_is_read() {
        assertThat(viewer.put("/api/v1/schools/100001", "{not json").status()).isEqualTo(403);
        assertThat(viewer.put("/api/v1/pupils/" + RIV + "/contacts", "{not json").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/pupils/" + RIV + "/roll", "application/json", "{not json").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/marks", "application/json", "{not json").status()).isEqualTo(403);
    }

    @Test
    void a_mark_recorded_in_the_future_is_the_clients_row_error_not_a_server_error_and_the_reply_names_what_was_published() {
        Http.Response r = admin.post("/api/v1/marks", "application/json", """
                [{"upn": "%1$s", "urn": "100001", "date": "2025-09-16", "session": "AM", "code": "/", "recordedAt": "2025-09-16T08:50:00Z"},
                 {"upn": "%1$s", "urn": "100001", "date": "2025-09-16", "session": "PM", "code": "/", "recordedAt": "2999-01-01T00:00:00Z"}]
                """.formatted(RIV));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("publishedRows").toString()).isEqualTo("[1]");
        assertThat(r.json().get("rejected").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(r.json().get("rejected").get(0).get("field").asText()).isEqualTo("recordedAt");
    }

    @Test
    void a_dual_registration_in_another_la_lets_its_staff_read_the_pupil_but_not_redirect_letters_or_move_them() {
        // The admin key registers Marshside's pupil at Southbank (Southshire) as well.
        Http.Response dual = admin.post("/api/v1/pupils/" + TWIN + "/roll", "application/json",
                "{\"change\": \"dual\", \"urn\": \"200001\", \"date\": \"2025-09-15\"}");
        assertThat(dual.status()).as(dual.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> otherLaOfficer.get("/api/v1/pupils/" + TWIN).status() == 200);
        assertThat(otherLaOfficer.put("/api/v1/pupils/" + TWIN + "/contacts", CONTACTS).status()).isEqualTo(404);
        assertThat(otherLaOfficer.post("/api/v1/pupils/" + TWIN + "/roll", "application/json",
                "{\"change\": \"move\", \"urn\": \"200001\", \"date\": \"2025-09-22\"}").status()).isEqualTo(404);
        assertThat(contactsOf(TWIN)).isEmpty();
        assertThat(admin.get("/api/v1/pupils/" + TWIN).json().get("urn").asText()).isEqualTo("100003");
    }

    @Test
    void after_a_confirmed_move_the_old_schools_fast_track_closes_as_moved_and_it_reads_the_case_but_no_longer_acts_on_it() {
        Http.Response opened = school.post("/api/v1/pupils/" + MOVER + "/cases", "application/json", "{\"date\": \"2025-09-09\", \"note\": \"absent\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> school.get("/api/v1/cases/" + caseId).status() == 200);
        assertThat(officer.post("/api/v1/pupils/" + MOVER + "/roll", "application/json",
                "{\"change\": \"move\", \"urn\": \"100003\", \"date\": \"2025-09-15\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> school.get("/api/v1/pupils/" + MOVER).status() == 404);
        assertThat(school.get("/api/v1/cases/" + caseId).status()).as("its own record of the case").isEqualTo(200);
        // The quick guide's early interventions are the school's own: the move closes them (onMove: MOVED).
        await().atMost(Duration.ofSeconds(30)).until(() -> "MOVED".equals(officer.get("/api/v1/cases/" + caseId).json().path("closureCode").asText()));
        assertThat(school.post("/api/v1/cases/" + caseId + "/actions", "application/json",
                "{\"action\": \"close-improved\", \"date\": \"2025-09-16\"}").status()).isEqualTo(404);
        Http.Response la = officer.post("/api/v1/cases/" + caseId + "/actions", "application/json",
                "{\"action\": \"close-improved\", \"date\": \"2025-09-16\"}");
        assertThat(la.status()).as("closed: the LA is told why, not that it may not").isEqualTo(409);
        assertThat(la.body()).contains("closed (MOVED)");
    }
}
