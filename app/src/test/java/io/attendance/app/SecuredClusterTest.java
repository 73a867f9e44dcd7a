package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.contract.KafkaClients;
import io.attendance.core.pupil.Upn;
import io.attendance.notifier.Notifier;
import io.attendance.notifier.NotifierSettings;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack on a cluster that takes only SASL_SSL clients, as an LA's MSK, Confluent Cloud or
 * Strimzi does: a broker with a SCRAM-SHA-512 listener behind TLS (its keystore made here by keytool,
 * its user made through the Admin API), and the service, its streams, API and notifier configured by
 * one client properties file. A case opens, its letter is sent; wrong credentials stop with a plain message.
 */
class SecuredClusterTest {
    private static final String USER = "attendance-svc", PASSWORD = "scram-secret-" + UUID.randomUUID();
    private static final String URN = "100001";
    private static final String PUPIL = Upn.of(938, 4001, 25, 401);

    private static Path dir;
    private static EmbeddedBroker broker;
    private static int securePort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(TestNodes.scratch("secured").toAbsolutePath());
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-keystore", dir.resolve("broker.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "broker-pw", "-keypass", "broker-pw");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", dir.resolve("broker.p12").toString(), "-storepass", "broker-pw",
                "-file", dir.resolve("broker.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("broker.pem").toString(),
                "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");
        securePort = EmbeddedBroker.freePort();
        broker = EmbeddedBroker.start(dir, 0, p -> {
            // PLAINTEXT stays for the broker itself and for this test's admin; clients of the service get only SASL_SSL.
            p.put("listeners", p.getProperty("listeners") + ",SASL_SSL://localhost:" + securePort);
            p.put("advertised.listeners", p.getProperty("advertised.listeners") + ",SASL_SSL://localhost:" + securePort);
            p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            p.put("listener.name.sasl_ssl.ssl.keystore.location", dir.resolve("broker.p12").toString());
            p.put("listener.name.sasl_ssl.ssl.keystore.password", "broker-pw");
            p.put("listener.name.sasl_ssl.ssl.key.password", "broker-pw");
            p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        });
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all().get();
        }
        // The user reaches the brokers through the metadata log: usable once a client can sign in with it.
        KafkaClients secured = KafkaClients.load(null, clientSettings("secured.properties", PASSWORD));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(secured.config(Map.of()))) {
                return admin.describeCluster().nodes().get().size() == 1;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    /** What an LA's platform team writes: Kafka's own keys, the cluster's CA, the service's SCRAM user. */
    private static Path clientSettings(String name, String password) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                bootstrap.servers=localhost:%d
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";
                ssl.truststore.location=%s
                ssl.truststore.password=trust-pw
                ssl.truststore.type=PKCS12
                """.formatted(securePort, USER, password, dir.resolve("trust.p12").toString().replace("\\", "/")));
        return f;
    }

    @Test
    void the_service_and_its_notifier_on_a_sasl_ssl_cluster_open_a_case_and_send_its_letter() throws Exception {
        KafkaClients kafka = KafkaClients.load(null, clientSettings("service.properties", PASSWORD));
        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + securePort);
        Path outbox = dir.resolve("outbox");
        try (AttendanceNode node = new AttendanceNode(new NodeSettings(kafka, "secured-" + UUID.randomUUID(), dir.resolve("streams"),
                "localhost", 0, 6, (short) 1, 0, List.of(6, 10), null, 1, 1000, null, 0, true, TestNodes.ACCESS)).start();
             Notifier notifier = new Notifier(new NotifierSettings(kafka, "secured-notifier", null, outbox, 2, 50), node.topics()).start()) {
            Http admin = Http.withKey(node.httpPort(), TestNodes.ADMIN_KEY);
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/health").status() == 200);
            assertThat(admin.put("/api/v1/schools/" + URN, TestNodes.RIVERSIDE_JSON.replace("norfolk-quick-guide", "norfolk-guidance")).status())
                    .isEqualTo(200);
            assertThat(admin.put("/api/v1/pupils/" + PUPIL + "/contacts", """
                    {"pupilName": "Jamie Reed", "parents": [{"parentId": "p1", "name": "Alex Reed", "relationship": "mother",
                      "addressLines": ["3 Quay Street", "Northtown"], "postcode": "NR2 1AA", "preferredChannel": "post"}]}
                    """).status()).isEqualTo(200);
            // Unauthorised on both sessions of Wed 3 – Tue 9 Sep (10 sessions in the first 6 school weeks): the Fast Track opens on 9 Sep.
            List<RegisterMark> marks = new ArrayList<>();
            for (LocalDate d = LocalDate.parse("2025-09-03"); !d.isAfter(LocalDate.parse("2025-09-09")); d = d.plusDays(1)) {
                if (d.getDayOfWeek().getValue() >= 6) continue;
                marks.add(new RegisterMark(PUPIL, URN, d, Session.AM, "O", Instant.parse(d + "T09:00:00Z"), "mis"));
                marks.add(new RegisterMark(PUPIL, URN, d, Session.PM, "O", Instant.parse(d + "T13:00:00Z"), "mis"));
            }
            node.publisher().publishMarks(marks);
            for (LocalDate d = LocalDate.parse("2025-09-03"); !d.isAfter(LocalDate.parse("2025-11-09")); d = d.plusDays(1)) {
                node.publisher().publishTicks(List.of(new ClockTick(URN, d, "data")));
            }
            String id = TestNodes.caseRef(PUPIL + "-" + URN + "-norfolk-fast-track-1");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(admin.get("/api/v1/cases/" + id).json().get("stage").asText()).isEqualTo("before-start"));
            Http.Response acted = admin.post("/api/v1/cases/" + id + "/actions", "application/json", """
                    {"action": "start-fast-track", "date": "2025-11-10", "siblingsConsidered": "yes", "aeoConsulted": "yes",
                     "meetingDate": "2025-11-17", "meetingTime": "15:30", "place": "Riverside, room 2", "attendees": "Head; AEO"}
                    """);
            assertThat(acted.status()).as(acted.body()).isEqualTo(202);
            // The initial invite to the one parent, by post: written to the outbox by the notifier, over SASL_SSL too.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(admin.get("/api/v1/cases/" + id).json().get("lettersSent").size()).isEqualTo(1));
            try (var pdfs = Files.walk(outbox)) {
                assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_wrong_password_stops_the_service_with_exit_2_and_says_which_settings_to_check() throws Exception {
        Path wrong = clientSettings("wrong.properties", "not-the-password");
        RunExit refused = RunExit.of(RunExit.SECRETS, "--kafka-config", wrong.toString(), "--no-demo", "--no-notifier",
                "--data-dir", dir.resolve("refused").toString(), "--port", "0");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.stderr())
                .contains("Kafka at localhost:" + securePort + " refused this client")
                .contains("SCRAM-SHA-512")
                .contains("sasl.jaas.config")
                .doesNotContain("not-the-password");
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
    }
}
