package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.notifier.deliver.OutboxChannel;
import io.attendance.core.pupil.Upn;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A case walked through seed 001 on a real broker, with the notifier in the same process: the
 * "Initial invite" goes to each of three parents by their own channel — email to the mother
 * (SMTP, GreenMail), post to the stepfather at the same address and to the father out of county
 * (outbox) — and a pupil with no contacts held gets a task on the case, not silence.
 */
class LettersEndToEndTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Notifier notifier;
    private static Http http;
    private static Path outbox;
    private static final String SAM = Upn.of(938, 4003, 25, 201);
    private static final String NO_CONTACTS = Upn.of(938, 4003, 25, 202);

    @BeforeAll
    static void start() throws Exception {
        broker = TestNodes.broker("letters");
        node = TestNodes.node(broker, "letters-" + UUID.randomUUID(), "letters-node");
        http = new Http(node.httpPort());
        Path policies = TestNodes.scratch("letters-policies");
        // This LA sends email by SMTP (the shipped demo letterhead has email off).
        Files.createDirectories(policies.resolve("letters/la"));
        Files.writeString(policies.resolve("letters/la/northshire.yaml"), """
                name: Northshire County Council
                service: Attendance and Pupil Welfare Service
                address: [County Hall, Northshire NS1 2DH]
                phone: 01603 222 000
                email: attendance@northshire.example.gov.uk
                signatory: {name: Jo Okafor, role: Senior Attendance Officer}
                channels: {post: outbox, email: smtp}
                """);
        outbox = TestNodes.scratch("letters-outbox");
        notifier = new Notifier(new NotifierSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "letters-test", policies, outbox,
                java.util.List.of(new io.attendance.notifier.deliver.SmtpChannel.Settings("localhost", ServerSetupTest.SMTP.getPort(), false, null, null,
                        "attendance@northshire.example.gov.uk")), 2, 50), node.topics()).start();
        // Contacts are written through the pupil's owning instance (scope is checked there): wait until there is one.
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> http.get("/health").status() == 200);
        assertThat(http.put("/api/v1/schools/100003", TestNodes.RIVERSIDE_JSON
                .replace("Riverside Primary School", "Marshside Primary").replace("norfolk-quick-guide", "norfolk-guidance")).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        node.close();
        broker.close();
    }

    @Test
    void the_initial_invite_reaches_each_of_three_parents_by_their_own_channel_once() throws Exception {
        Http.Response put = http.put("/api/v1/pupils/" + SAM + "/contacts", """
                {"pupilName": "Sam Taylor", "parents": [
                  {"parentId": "p1", "name": "Claire Taylor", "relationship": "mother", "addressLines": ["12 Mill Lane", "Northtown"],
                   "postcode": "NR1 2AB", "email": "claire.taylor@example.com", "preferredChannel": "email"},
                  {"parentId": "p2", "name": "Dan Hughes", "relationship": "step-parent", "addressLines": ["12 Mill Lane", "Northtown"],
                   "postcode": "NR1 2AB", "preferredChannel": "post"},
                  {"parentId": "p3", "name": "Mark Taylor", "relationship": "father", "addressLines": ["4 Harbour Road", "Bristol"],
                   "postcode": "BS1 4DJ", "livesWithPupil": false, "preferredChannel": "post"}]}
                """);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String id = openAndInvite(SAM);

        JsonNode sent = awaitLetters(id, 3);
        assertThat(sent.findValuesAsText("parentId")).containsExactlyInAnyOrder("p1", "p2", "p3");
        assertThat(sent.findValuesAsText("status")).containsOnly("SENT");
        assertThat(sent.findValuesAsText("letter")).containsOnly("Initial invite");
        assertThat(sent.findValuesAsText("dated")).containsOnly("2025-09-11");
        JsonNode father = find(sent, "p3");
        assertThat(father.get("channel").asText()).isEqualTo("outbox");
        assertThat(find(sent, "p2").get("channel").asText()).isEqualTo("outbox");
        assertThat(find(sent, "p1").get("channel").asText()).isEqualTo("smtp");

        // The father's letter, as the API serves it, is his own, at his own address, with the meeting.
        Http.Bytes pdf = http.getBytes(father.get("pdf").asText());
        assertThat(pdf.status()).isEqualTo(200);
        String text = text(pdf.bytes());
        assertThat(text).contains("Mark Taylor 4 Harbour Road Bristol BS1 4DJ", "Date: 11 September 2025", "Our ref: Initial invite",
                "Pupil: Sam Taylor, Marshside Primary", "Date: Thursday 18 September 2025", "Time: 15:30", "Place: Marshside, room 2",
                "Who will attend: Head; AEO").doesNotContain("Claire Taylor", "Dan Hughes");
        assertThat(sha256(pdf.bytes())).isEqualTo(father.get("contentHash").asText());

        // Post: two PDFs and two manifest rows for the print room. Email: one message to the mother.
        // (the print room's manifest holds the letters' ids; answers give their references)
        assertThat(OutboxChannel.listedLetterIds(outbox)).containsExactlyInAnyOrder(
                TestNodes.letterIdOf(find(sent, "p2").get("letterId").asText()), TestNodes.letterIdOf(find(sent, "p3").get("letterId").asText()));
        assertThat(TestNodes.letterIdOf(find(sent, "p3").get("letterId").asText())).startsWith(TestNodes.caseIdOf(id) + ":").endsWith(":p3");
        MimeMessage[] emails = mail.getReceivedMessages();
        assertThat(emails).hasSize(1);
        assertThat(emails[0].getAllRecipients()[0].toString()).isEqualTo("Claire Taylor <claire.taylor@example.com>");
        byte[] attached = ((Multipart) emails[0].getContent()).getBodyPart(1).getInputStream().readAllBytes();
        assertThat(text(attached)).contains("Dear Claire Taylor,", "Claire Taylor 12 Mill Lane Northtown NR1 2AB");
    }

    @Test
    void a_pupil_with_no_contacts_held_gets_a_task_on_the_case_instead_of_a_letter() {
        String id = openAndInvite(NO_CONTACTS);
        JsonNode sent = awaitLetters(id, 1);
        assertThat(sent.get(0).get("status").asText()).isEqualTo("NOT_SENT");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/cases/" + id).json().get("tasks")
                .findValuesAsText("name")).contains("letter Initial invite to the parents not sent: no parent contact details are held for this pupil"));
    }

    @Test
    void an_email_the_relay_keeps_refusing_fails_after_its_retries_with_a_dead_letter_and_a_task() throws Exception {
        mail.stop(); // the relay is down for the whole of this test
        String upn = Upn.of(938, 4003, 25, 203);
        Http.Response put = http.put("/api/v1/pupils/" + upn + "/contacts", """
                {"pupilName": "Ava Patel", "parents": [{"parentId": "p1", "name": "Priya Patel", "relationship": "mother",
                  "email": "priya.patel@example.com", "preferredChannel": "email"}]}
                """);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String id = openAndInvite(upn);

        JsonNode letter = awaitLetters(id, 1).get(0);
        assertThat(letter.get("status").asText()).isEqualTo("FAILED");
        assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        assertThat(letter.get("failure").asText()).startsWith("smtp refused it after 2 attempts");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/cases/" + id).json().get("tasks")
                .findValuesAsText("name")).anyMatch(t -> t.startsWith("letter Initial invite to Priya Patel (p1) failed: smtp refused it after 2 attempts")));
        List<String> reasons = EventLog.readHeaders(broker.bootstrapServers(), node.topics().lettersDlq.name(), io.attendance.contract.DeadLetters.REASON);
        assertThat(reasons).anyMatch(r -> r.startsWith("smtp refused it after 2 attempts"));
    }

    /** Opens a seed-001 case by hand and records the start with a meeting 5 working days on (Thu 11 → Thu 18 Sep 2025). */
    private static String openAndInvite(String upn) {
        Http.Response marks = http.post("/api/v1/marks", "application/json", """
                [{"upn": "%s", "urn": "100003", "date": "2025-09-08", "session": "AM", "code": "O", "recordedAt": "2025-09-08T09:10:00Z"}]
                """.formatted(upn));
        assertThat(marks.status()).as(marks.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/pupils/" + upn).status() == 200);
        Http.Response opened = http.post("/api/v1/pupils/" + upn + "/cases", "application/json", "{\"date\": \"2025-09-10\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asText();
        Http.Response started = http.post("/api/v1/cases/" + id + "/actions", "application/json", """
                {"action": "start-fast-track", "date": "2025-09-11", "siblingsConsidered": "yes", "aeoConsulted": "yes",
                 "meetingDate": "2025-09-18", "meetingTime": "15:30", "place": "Marshside, room 2", "attendees": "Head; AEO"}""");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return id;
    }

    private static JsonNode awaitLetters(String caseId, int count) {
        JsonNode[] out = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode c = http.get("/api/v1/cases/" + caseId).json();
            assertThat(c.get("lettersSent")).hasSize(count);
            out[0] = c.get("lettersSent");
        });
        return out[0];
    }

    private static JsonNode find(JsonNode letters, String parentId) {
        for (JsonNode l : letters) if (l.get("parentId").asText().equals(parentId)) return l;
        throw new AssertionError("no letter to " + parentId);
    }

    private static String text(byte[] pdf) throws Exception {
        try (var d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
