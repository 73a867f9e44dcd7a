package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Upn;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 001 walked on a real broker to the referral to the LA, where the Application to Prosecute is
 * due: the register posted day by day (Riverside's 2025/26 calendar: half-term 27–31 Oct, INSET
 * Mon 3 Nov), the day ends ticked, the officer's actions through the API, letters by the notifier.
 * Unauthorised (O) on both sessions of Wed 3 – Tue 9 Sep and Mon 1 Dec, present otherwise; Thu 4 Sep
 * AM amended to I (illness) on 20 Nov. The pack's figures are worked by hand from that register.
 */
class CourtPackApiTest {
    static final String URN = "100001";
    static final String PUPIL = Upn.of(938, 4001, 25, 301);
    static final SchoolCalendar CALENDAR = new SchoolCalendar(List.of(
            new io.attendance.schemas.Term(LocalDate.parse("2025-09-03"), LocalDate.parse("2025-10-24")),
            new io.attendance.schemas.Term(LocalDate.parse("2025-11-03"), LocalDate.parse("2025-12-19"))), List.of(LocalDate.parse("2025-11-03")));

    static EmbeddedBroker broker;
    static AttendanceNode node;
    static Notifier notifier;
    static Http admin;
    static LocalDate ended = LocalDate.parse("2025-09-02");

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("court-pack");
        node = TestNodes.node(broker, "court-pack-" + UUID.randomUUID(), "court-pack-node");
        notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "court-pack", null,
                TestNodes.scratch("court-pack-outbox"), 2, 50), node.topics()).start();
        admin = Http.withKey(node.httpPort(), TestNodes.ADMIN_KEY);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/health").status() == 200);
        assertThat(admin.put("/api/v1/schools/" + URN, TestNodes.RIVERSIDE_JSON.replace("norfolk-quick-guide", "norfolk-guidance")).status()).isEqualTo(200);
        Http.Response contacts = admin.put("/api/v1/pupils/" + PUPIL + "/contacts", """
                {"pupilName": "Jamie Reed", "parents": [
                  {"parentId": "p1", "name": "Alex Reed", "relationship": "mother", "addressLines": ["3 Quay Street", "Northtown"],
                   "postcode": "NR2 1AA", "preferredChannel": "post"},
                  {"parentId": "p2", "name": "Sam Reed", "relationship": "father", "addressLines": ["9 Station Road", "Southtown"],
                   "postcode": "NR9 9ZZ", "livesWithPupil": false, "preferredChannel": "post"}]}
                """);
        assertThat(contacts.status()).as(contacts.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        node.close();
        broker.close();
    }

    @Test
    void a_case_referred_for_prosecution_gets_a_court_pack_of_its_register_letters_and_meetings_and_its_herringbone_as_csv() throws Exception {
        runTo("2025-11-09");
        String id = TestNodes.caseRef(PUPIL + "-" + URN + "-norfolk-fast-track-1");
        awaitStage(id, "before-start");
        assertThat(admin.get("/api/v1/cases/" + id + "/court-pack.pdf").status()).isEqualTo(409);

        act(id, "start-fast-track", "2025-11-10", "initial-invited", """
                "siblingsConsidered": "yes", "aeoConsulted": "yes", "meetingDate": "2025-11-17", "meetingTime": "15:30",
                "place": "Riverside, room 2", "attendees": "Head; AEO\"""");
        runTo("2025-11-16");
        act(id, "initial-meeting", "2025-11-17", "review-agreed", """
                "allParentsAttended": "no", "parentsPresent": "p1", "target": "no unauthorised absence", "reviewDate": "2025-12-03\"""");
        runTo("2025-11-25");
        act(id, "send-review-invite", "2025-11-26", "review-invited", """
                "meetingDate": "2025-12-03", "meetingTime": "09:00", "place": "Riverside, room 2", "attendees": "Head; AEO\"""");
        runTo("2025-12-02");
        Http.Response early = admin.get("/api/v1/cases/" + id + "/court-pack.pdf");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("legal-referral");
        act(id, "review-meeting", "2025-12-03", "legal-referral", """
                "allParentsAttended": "no", "outcome": "further-unauthorised-absence\"""");
        runTo("2025-12-03");
        // initial invite x2, minutes to p2 (p1 was there), review invite x2: by the notifier, in its own time
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/cases/" + id).json().get("lettersSent").size()).isGreaterThanOrEqualTo(5));

        // The pack runs to the school's last ended day: wait for Wed 3 Dec's end (live mode applies it after a quiet spell).
        String[] text = {""};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Http.Bytes pdf = admin.getBytes("/api/v1/cases/" + id + "/court-pack.pdf");
            assertThat(pdf.status()).isEqualTo(200);
            text[0] = text(pdf.bytes());
            assertThat(text[0]).contains("as at 3 December 2025");
        });
        byte[] pdf = admin.getBytes("/api/v1/cases/" + id + "/court-pack.pdf").bytes();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "court-pack-e2e.pdf"), pdf); // looked at: BENCHMARKS/notes show its pages
        assertThat(admin.getBytes("/api/v1/cases/" + id + "/court-pack.pdf").bytes()).as("the same record, the same bytes").isEqualTo(pdf);

        // Seed 001's prosecution period starts with the 6 school weeks ending the day the case opened (Tue 9 Sep): only
        // two exist, so Wed 3 Sep; it runs 26 weeks, to Tue 3 Mar 2026. To Wed 3 Dec: 20 school days in Sep, 18 in Oct,
        // 19 in Nov (3 Nov INSET), 3 in Dec = 60 days, 120 sessions. Unauthorised: 3–9 Sep (5 days) and 1 Dec = 12
        // sessions, less Thu 4 Sep AM now I = 11; authorised 1; attended 108 = 90.00%.
        String t = text[0];
        // (table cells wrap, so a row's text is read piece by piece)
        assertThat(t).contains("Jamie Reed, UPN " + PUPIL, "Alex Reed (p1)", "3 Quay Street, Northtown, NR2 1AA", "Sam Reed (p2)",
                "Prosecution period: 3", "120 108 1 11 90.00% 9.17%", "runs to 3 March 2026",
                "Sessions the pupil could have attended 120", "Sessions attended 108", "Sessions of authorised absence 1",
                "Sessions of unauthorised absence 11", "Attendance 90.00%");
        assertThat(t).contains("Thu 4 Sept 2025 AM O (recorded 4 Sept 2025 10:00) I (recorded 20 Nov 2025 10:00)");
        assertThat(t).contains("Recorded: Fast Track started", "Alex Reed (p1)", "Referred to the LA");
        // Each letter's hash in the pack is the SHA-256 of the letter as the API serves it (what the parent received).
        for (var l : admin.get("/api/v1/cases/" + id).json().get("lettersSent")) {
            byte[] letter = admin.getBytes(l.get("pdf").asText()).bytes();
            assertThat(t).contains(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(letter)));
        }

        String csv = admin.get("/api/v1/cases/" + id + "/herringbone.csv").body();
        assertThat(csv.lines()).contains(PUPIL + "," + URN + ",2025-09-04,AM,school day,I,authorised,O recorded 2025-09-04T09:00:00Z,,,,,,,,",
                PUPIL + "," + URN + ",2025-11-03,AM,school closed,,,,,,,,,,,");

        // The case says where its pack is, and its page offers it to staff who act on cases (not to a viewer).
        var links = admin.get("/api/v1/cases/" + id).json().get("courtPack");
        assertThat(links.get("pdf").asText()).isEqualTo("/api/v1/cases/" + id + "/court-pack.pdf");
        assertThat(links.get("dueFrom").asText()).isEqualTo("legal-referral");
        assertThat(links.get("since").asText()).isEqualTo("2025-12-03");
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD).get("/cases/" + id).body())
                .contains("Court pack (PDF)", "href=\"/api/v1/cases/" + id + "/court-pack.pdf\"");
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD).get("/cases/" + id).body())
                .contains(id).doesNotContain("Court pack (PDF)");

        // The case's school may have it; a viewer (reads only) may not; another LA's officer does not see the case.
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.SCHOOL, DemoAccounts.SCHOOL_PASSWORD).getBytes("/api/v1/cases/" + id + "/court-pack.pdf").status()).isEqualTo(200);
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD).get("/api/v1/cases/" + id + "/court-pack.pdf").status()).isEqualTo(403);
        assertThat(Http.signedIn(node.httpPort(), TestNodes.OTHER_LA_OFFICER, TestNodes.OTHER_LA_PASSWORD).get("/api/v1/cases/" + id + "/court-pack.pdf").status()).isEqualTo(404);
    }

    /** Every day after the last one ended, up to {@code date}: the school day's two marks, then the day's end. */
    private static void runTo(String date) {
        List<RegisterMark> marks = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = ended.plusDays(1); !d.isAfter(LocalDate.parse(date)); d = d.plusDays(1)) {
            days.add(d);
            if (!CALENDAR.isSchoolDay(d)) continue;
            boolean away = !d.isAfter(LocalDate.parse("2025-09-09")) || d.toString().equals("2025-12-01");
            marks.add(mark(d, Session.AM, away ? "O" : "/", d + "T09:00:00Z"));
            marks.add(mark(d, Session.PM, away ? "O" : "\\", d + "T13:00:00Z"));
            if (d.toString().equals("2025-11-20")) marks.add(mark(LocalDate.parse("2025-09-04"), Session.AM, "I", "2025-11-20T10:00:00Z"));
        }
        for (LocalDate d : days) {
            node.publisher().publishMarks(marks.stream().filter(m -> m.getRecordedAt().isBefore(d.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
                    && !m.getRecordedAt().isBefore(d.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))).toList());
            node.publisher().publishTicks(List.of(new ClockTick(URN, d, "data")));
        }
        ended = LocalDate.parse(date);
    }

    private static RegisterMark mark(LocalDate d, Session s, String code, String at) {
        return new RegisterMark(PUPIL, URN, d, s, code, Instant.parse(at), "test");
    }

    private static void act(String id, String action, String date, String stageAfter, String fields) {
        Http.Response r = admin.post("/api/v1/cases/" + id + "/actions", "application/json",
                "{\"action\": \"" + action + "\", \"date\": \"" + date + "\", " + fields + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        awaitStage(id, stageAfter);
    }

    private static void awaitStage(String id, String stage) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(admin.get("/api/v1/cases/" + id).json().get("stage").asText()).isEqualTo(stage));
    }

    private static String text(byte[] pdf) throws Exception {
        try (var d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
    }
}
