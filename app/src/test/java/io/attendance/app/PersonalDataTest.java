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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
    /** Two days' marks (4 sessions: no case), parents given, read once: the LA finds they were sent for the wrong child. */
    private static final String ERASED = Upn.of(938, 4003, 25, 402);
    /** Another ten sessions' case, whose parents the LA removes before the notice is issued. */
    private static final String REMOVED = Upn.of(938, 4003, 25, 404);
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
        assertThat(admin.put("/api/v1/pupils/" + ERASED + "/contacts", """
                {"pupilName": "Alex Moss", "parents": [{"parentId": "m1", "name": "Dana Moss", "relationship": "mother",
                 "addressLines": ["3 Quay Street", "Northtown"], "postcode": "NR2 9ZZ", "preferredChannel": "post"}]}""").status()).isEqualTo(200);
        for (int d = 8; d <= 12; d++) {
            String date = "2025-09-%02d".formatted(d);
            if (d <= 9) TestNodes.absent(admin, ERASED, "100003", date);
            TestNodes.absent(admin, REMOVED, "100003", date);
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
        // The LA issues the penalty notice to the mother: its letter is produced and posted (the outbox).
        Http.Response issued = admin.post("/api/v1/cases/" + caseId + "/actions", "application/json",
                "{\"action\": \"issue-notice\", \"date\": \"2025-09-15\", \"parentId\": \"p1\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.get("/api/v1/cases/" + caseId).json()
                .get("lettersSent").findValuesAsText("status")).containsExactly("SENT"));
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
        assertThat(officer.get(TestNodes.pupilPage(CASED)).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/pupils/" + CASED + "/register").status()).isEqualTo(200);
        assertThat(officer.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
        // A read refused (another LA's pupil) shows nothing and is not a read of anyone's data.
        assertThat(officer.get("/api/v1/pupils/" + SOUTH).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("officer/la-officer/pupil/page/" + CASED, "admin-key/admin/register/api/" + CASED,
                        "officer/la-officer/case/api/" + TestNodes.caseIdOf(caseId)));
        for (JsonNode e : log(CASED)) {
            assertThat(e.get("instance").asText()).isEqualTo("localhost:" + node.httpPort());
            assertThat(Instant.parse(e.get("at").asText())).isBetween(START, Instant.now());
        }
        // this view's entry (other tests view the page too): when, and the school the read found
        assertThat(log(CASED)).filteredOn(e -> describe(e).startsWith("officer/la-officer/pupil/page"))
                .anySatisfy(e -> {
                    assertThat(Instant.parse(e.get("at").asText())).isAfterOrEqualTo(before.minusMillis(1));
                    assertThat(e.get("urn").asText()).isEqualTo("100003");
                });
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

    /** The ZIP's files by name. */
    private static java.util.Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void a_subject_access_export_holds_the_register_with_who_recorded_it_the_case_the_letter_and_its_evidence_and_the_parents() throws Exception {
        Http.Bytes res = dpo.getBytes("/api/v1/pupils/" + CASED + "/export");
        assertThat(res.status()).as(new String(res.bytes())).isEqualTo(200);
        java.util.Map<String, byte[]> files = unzip(res.bytes());
        String caseDir = "cases/" + TestNodes.caseIdOf(caseId).replaceAll("[^A-Za-z0-9._-]", "_") + "/";
        assertThat(files.keySet()).contains("manifest.json", "pupil.json", "register.csv", "contacts.json", caseDir + "case.json",
                "access-log.json");
        // Ten sessions (Mon 8 – Fri 12 Sep), each O, posted by the admin key at 09:10 and 13:40.
        List<String> register = new String(files.get("register.csv"), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(register.get(0)).isEqualTo("date,session,school,code,recorded_at,recorded_by,earlier_recordings");
        assertThat(register).hasSize(11).contains("2025-09-08,AM,100003,O,2025-09-08T09:10:00Z,api:admin-key,",
                "2025-09-12,PM,100003,O,2025-09-12T13:40:00Z,api:admin-key,");
        assertThat(new String(files.get("contacts.json"))).contains("Claire Taylor", "12 Mill Lane", "NR1 2AB");
        JsonNode kase = Http.JSON.readTree(files.get(caseDir + "case.json"));
        assertThat(kase.get("policy").asText()).isEqualTo("national-penalty-notice");
        assertThat(kase.get("history").findValuesAsText("type")).contains("OPENED");
        assertThat(kase.get("history").toString()).contains("issue-notice");
        // The letter's PDF, and its evidence naming the same bytes.
        List<String> pdfs = files.keySet().stream().filter(n -> n.startsWith(caseDir + "letters/") && n.endsWith(".pdf")).toList();
        assertThat(pdfs).hasSize(1);
        byte[] pdf = files.get(pdfs.get(0));
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        JsonNode evidence = Http.JSON.readTree(files.get(pdfs.get(0).replace(".pdf", ".json")));
        assertThat(evidence.get("contentHash").asText()).isEqualTo(sha256(pdf));
        assertThat(evidence.get("status").asText()).isEqualTo("SENT");
        assertThat(evidence.get("channel").asText()).isEqualTo("outbox");
        // The manifest lists every other file with its SHA-256.
        JsonNode manifest = Http.JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("subject").get("upn").asText()).isEqualTo(CASED);
        assertThat(manifest.get("contents").findValuesAsText("file")).containsExactlyInAnyOrderElementsOf(
                files.keySet().stream().filter(n -> !n.equals("manifest.json")).toList());
        for (JsonNode f : manifest.get("contents")) {
            assertThat(f.get("sha256").asText()).as(f.get("file").asText()).isEqualTo(sha256(files.get(f.get("file").asText())));
        }
    }

    @Test
    void only_the_las_staff_may_export_and_the_export_is_in_the_access_log() {
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.SCHOOL, DemoAccounts.SCHOOL_PASSWORD)
                .getBytes("/api/v1/pupils/" + CASED + "/export").status()).isEqualTo(403);
        assertThat(Http.signedIn(node.httpPort(), DemoAccounts.VIEWER, DemoAccounts.VIEWER_PASSWORD)
                .getBytes("/api/v1/pupils/" + CASED + "/export").status()).isEqualTo(403);
        assertThat(officer.getBytes("/api/v1/pupils/" + SOUTH + "/export").status()).as("another LA's pupil").isEqualTo(404);
        Http.Response res = officer.get("/api/v1/pupils/" + CASED + "/export");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.raw().headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"subject-access-export-")
                .doesNotContain(CASED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("officer/la-officer/export/api/" + CASED));
    }

    @Test
    void the_command_line_export_writes_the_same_zip_owner_only_and_names_who_asked() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createDirectories(TestNodes.scratch("export")).resolve("sar.zip");
        io.attendance.app.export.ExportCommand.Pupil command = new io.attendance.app.export.ExportCommand.Pupil();
        int code = new picocli.CommandLine(command).execute(CASED, "--url", "http://localhost:" + node.httpPort(),
                "--api-key", TestNodes.ADMIN_KEY, "--requested-by", "J Okafor (DPO)", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(unzip(java.nio.file.Files.readAllBytes(out)).keySet()).contains("manifest.json", "register.csv", "contacts.json");
        assertThat(java.nio.file.Files.getPosixFilePermissions(out)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("admin-key for J Okafor (DPO)/admin/export/api/" + CASED));
    }

    /** Every topic on the broker (internal changelogs included), read whole: the live records (latest per key of a table) naming the UPN. */
    private static java.util.Map<String, Integer> liveRecordsNaming(String upn) throws Exception {
        byte[] needle = upn.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        io.attendance.contract.KafkaClients kafka = io.attendance.contract.KafkaClients.of(broker.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.config(java.util.Map.of()));
             org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                     kafka.config(java.util.Map.of("isolation.level", "read_committed")),
                     new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> !t.startsWith("__")).sorted().toList();
            var configs = admin.describeConfigs(topics.stream().map(t -> new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t)).toList()).all().get();
            for (String topic : topics) {
                boolean table = configs.get(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic))
                        .get("cleanup.policy").value().contains("compact");
                List<org.apache.kafka.common.TopicPartition> parts = consumer.partitionsFor(topic).stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                var ends = consumer.endOffsets(parts);
                java.util.Map<java.nio.ByteBuffer, byte[]> latest = new java.util.HashMap<>();
                List<byte[]> all = new ArrayList<>();
                while (parts.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    for (var r : consumer.poll(Duration.ofMillis(200))) {
                        byte[] key = r.key() == null ? new byte[0] : r.key();
                        byte[] both = concat(key, r.value());
                        if (table) latest.put(java.nio.ByteBuffer.wrap(key), r.value() == null ? null : both);
                        else all.add(both);
                    }
                }
                List<byte[]> live = table ? latest.values().stream().filter(java.util.Objects::nonNull).toList() : all;
                int n = (int) live.stream().filter(b -> indexOf(b, needle) >= 0).count();
                if (n > 0) out.put(topic + (table ? " (table)" : " (log)"), n);
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + (b == null ? 0 : b.length));
        if (b != null) System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void an_erased_pupil_leaves_no_live_record_in_any_table_or_store_and_a_pupil_with_a_case_is_not_erased() throws Exception {
        assertThat(officer.get("/api/v1/pupils/" + ERASED).status()).isEqualTo(200); // read once: an access-log entry
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(ERASED)).isNotEmpty());
        assertThat(liveRecordsNaming(ERASED)).containsKeys("contacts (table)").anySatisfy((topic, n) -> assertThat(topic).endsWith("-changelog (table)"));

        String body = "{\"reason\": \"marks and contacts were sent for the wrong child (MIS ticket 4471)\"}";
        assertThat(officer.post("/api/v1/pupils/" + ERASED + "/erasure", "application/json", body).status()).as("an officer").isEqualTo(403);
        assertThat(dpo.post("/api/v1/pupils/" + ERASED + "/erasure", "application/json", "{}").body()).contains("reason: is required");
        Http.Response kept = dpo.post("/api/v1/pupils/" + CASED + "/erasure", "application/json", body);
        assertThat(kept.status()).isEqualTo(409);
        assertThat(kept.body()).contains("case " + caseId).doesNotContain(CASED);
        Http.Response erased = dpo.post("/api/v1/pupils/" + ERASED + "/erasure", "application/json", body);
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.get("/api/v1/pupils/" + ERASED).status()).isEqualTo(404);
            assertThat(admin.get("/api/v1/schools/100003/pupils").body()).doesNotContain(ERASED);
            // Only the logs that keep records to their retention date still hold the UPN: the registers as sent, who read them,
            // and the erasure request itself. No table and no store's changelog has a live record of the pupil.
            assertThat(liveRecordsNaming(ERASED).keySet()).allMatch(t -> t.endsWith("(log)"))
                    .isSubsetOf("marks (log)", "marks-by-pupil (log)", "attendance-signals (log)", "access-audit (log)", "erasures (log)",
                            "pupil-changes (log)");
        });
        assertThat(log(admin, ERASED)).isEmpty(); // the access log's index went with the pupil (the access-audit log keeps the entries)
        assertThat(admin.get("/api/v1/pupils/" + CASED).status()).isEqualTo(200);
        assertThat(liveRecordsNaming(CASED)).containsKeys("contacts (table)");
    }

    @Test
    void parents_removed_by_the_la_get_no_letter_the_notice_is_recorded_as_not_sent_for_want_of_contacts() {
        assertThat(admin.put("/api/v1/pupils/" + REMOVED + "/contacts", """
                {"pupilName": "Kit Lowe", "parents": [{"parentId": "p1", "name": "Robin Lowe", "relationship": "father",
                 "addressLines": ["8 Dyke Road", "Northtown"], "postcode": "NR3 1AA", "preferredChannel": "post"}]}""").status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ids.clear();
            ids.addAll(admin.get("/api/v1/cases?upn=" + REMOVED).json().findValuesAsText("id"));
            assertThat(ids).hasSize(1);
        });
        assertThat(dpo.delete("/api/v1/pupils/" + REMOVED + "/contacts", null).status()).isEqualTo(204);
        Http.Response issued = admin.post("/api/v1/cases/" + ids.get(0) + "/actions", "application/json",
                "{\"action\": \"issue-notice\", \"date\": \"2025-09-15\", \"parentId\": \"p1\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode sent = admin.get("/api/v1/cases/" + ids.get(0)).json().get("lettersSent");
            assertThat(sent.findValuesAsText("status")).containsExactly("NOT_SENT");
            assertThat(sent.get(0).get("failure").asText()).isEqualTo("no parent contact details are held for this pupil");
            assertThat(sent.get(0).get("recipient").asText()).doesNotContain("Robin Lowe");
        });
    }

    @Test
    void no_link_on_the_pages_and_no_case_or_letter_reference_in_an_answer_carries_a_upn() {
        java.util.regex.Pattern upnLike = java.util.regex.Pattern.compile("[A-Z][0-9]{12}");
        String pupilPage = admin.get("/api/v1/pupils/" + CASED).json().get("page").asText();
        assertThat(pupilPage).startsWith("/pupils/p-");
        for (String page : List.of(pupilPage, "/cases/" + caseId, "/schools/100003", "/tasks")) {
            Http.Response r = officer.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            List<String> urls = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:href|action|src|data-[a-z-]+)=\"([^\"]*)\"").matcher(r.body());
            while (m.find()) urls.add(m.group(1));
            assertThat(urls).as(page).isNotEmpty().noneMatch(u -> upnLike.matcher(u).find());
            assertThat(r.body()).as("the title, kept in browser history").doesNotContainPattern("<title>[^<]*[A-Z][0-9]{12}");
        }
        // the pupil's page links to the case by reference, and the case's page back to the pupil's
        assertThat(officer.get(pupilPage).body()).contains("href=\"/cases/" + caseId + "\"");
        assertThat(officer.get("/cases/" + caseId).body()).contains("href=\"" + pupilPage + "\"");
        JsonNode detail = admin.get("/api/v1/cases/" + caseId).json();
        assertThat(caseId).startsWith("c-").doesNotContainPattern(upnLike);
        assertThat(detail.get("id").asText()).isEqualTo(caseId);
        for (JsonNode l : detail.get("lettersSent")) {
            assertThat(l.get("letterId").asText()).startsWith("l-").doesNotContainPattern(upnLike);
            assertThat(l.get("pdf").asText()).isEqualTo("/api/v1/letters/" + l.get("letterId").asText() + ".pdf");
            assertThat(admin.getBytes(l.get("pdf").asText()).status()).isEqualTo(200);
        }
        assertThat(admin.get("/api/v1/tasks").body()).doesNotContainPattern("\"caseId\":\"[^\"]*[A-Z][0-9]{12}");
        // a reference another deployment (another secret) issued names nothing here
        String foreign = new io.attendance.api.ids.OpaqueIds(new byte[32]).ref(io.attendance.api.ids.OpaqueIds.Kind.CASE, TestNodes.caseIdOf(caseId));
        assertThat(admin.get("/api/v1/cases/" + foreign).status()).isEqualTo(404);
    }

    @Test
    void a_caller_who_writes_the_forwarding_header_themselves_is_still_recorded() {
        // One instance owns every pupil: a request claiming to be forwarded would be answered here and, were the
        // claim believed, not recorded. Only a header an instance of the deployment signed for the path counts.
        Http.Response r = officer.with("X-Attendance-Forwarded", "1").get("/api/v1/pupils/" + CASED + "/register");
        assertThat(r.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log(CASED)).extracting(PersonalDataTest::describe)
                .contains("officer/la-officer/register/api/" + CASED));
    }
}
