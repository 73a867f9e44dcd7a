package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment file, checked offline (there is no Docker engine here): Compose itself accepts it
 * (Debian's docker-compose 1.29, `config -q`, installed by test.sh), and it describes what an LA's
 * IT team was promised — three KRaft brokers with replication 3 and min ISR 2, two service
 * instances sharing one application.id with their own application.server, the notifier, an SMTP
 * catcher, volumes and health checks — and every setting it gives the service is in README's table.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static JsonNode compose() throws Exception {
        Process p = config(ComposeServices.SECRETS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    /** docker-compose's own reading, with the YAML anchors and merges resolved and these variables set. */
    private static Process config(java.util.Map<String, String> vars) throws Exception {
        ProcessBuilder b = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config")
                .redirectErrorStream(true);
        b.environment().remove("ATTENDANCE_SESSION_SECRET");
        b.environment().remove("ATTENDANCE_ADMIN_KEY");
        b.environment().putAll(vars);
        return b.start();
    }

    @Test
    void compose_will_not_start_without_the_deployments_own_secrets_and_runs_no_demo() throws Exception {
        Process p = config(java.util.Map.of("ATTENDANCE_ADMIN_KEY", ComposeServices.SECRETS.get("ATTENDANCE_ADMIN_KEY")));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("ATTENDANCE_SESSION_SECRET");
        JsonNode services = compose().get("services");
        for (String s : List.of("attendance-1", "attendance-2")) {
            assertThat(services.get(s).get("command").toString()).contains("--no-demo").doesNotContain("\"--demo\"");
            assertThat(services.get(s).get("environment").get("ATTENDANCE_ADMIN_KEY").asText()).isEqualTo(ComposeServices.SECRETS.get("ATTENDANCE_ADMIN_KEY"));
        }
    }

    @Test
    void compose_accepts_the_file_and_it_describes_a_three_broker_cluster_two_instances_and_the_notifier() throws Exception {
        JsonNode services = compose().get("services");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode b = services.get(broker);
            assertThat(b.get("image").asText()).startsWith("apache/kafka:");
            JsonNode env = b.get("environment");
            assertThat(env.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR").asText()).isEqualTo("3");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(b.has("healthcheck")).isTrue();
            assertThat(b.get("volumes").toString()).contains("/var/lib/kafka/data");
        }
        JsonNode a1 = services.get("attendance-1").get("environment"), a2 = services.get("attendance-2").get("environment");
        assertThat(a1.get("ATTENDANCE_APPLICATION_ID").asText()).isEqualTo(a2.get("ATTENDANCE_APPLICATION_ID").asText());
        assertThat(a1.get("ATTENDANCE_ADVERTISED_HOST").asText()).isEqualTo("attendance-1");
        assertThat(a2.get("ATTENDANCE_ADVERTISED_HOST").asText()).isEqualTo("attendance-2");
        assertThat(a1.get("ATTENDANCE_SESSION_SECRET").asText()).isEqualTo(a2.get("ATTENDANCE_SESSION_SECRET").asText());
        for (JsonNode env : List.of(a1, a2)) {
            assertThat(env.get("ATTENDANCE_REPLICATION_FACTOR").asText()).isEqualTo("3");
            assertThat(env.get("ATTENDANCE_STANDBY_REPLICAS").asText()).isEqualTo("1");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
        for (String instance : List.of("attendance-1", "attendance-2")) {
            assertThat(services.get(instance).has("healthcheck")).isTrue();
            assertThat(services.get(instance).get("command").toString()).contains("--no-notifier");
            assertThat(services.get(instance).get("volumes").toString()).contains("/data");
        }
        assertThat(services.get("notifier").get("command").toString()).contains("notifier");
        assertThat(services.get("notifier").get("environment").get("ATTENDANCE_SMTP_HOST").asText()).isEqualTo("mail");
        assertThat(services.has("mail")).isTrue();
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("eclipse-temurin:17-jre", "attendance.jar");
        // The image builds the whole reactor: a module the Dockerfile does not copy fails its build.
        java.util.regex.Matcher modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        while (modules.find()) assertThat(dockerfile).as("Dockerfile copies module " + modules.group(1)).contains("COPY " + modules.group(1) + " " + modules.group(1));
    }

    @Test
    void every_setting_the_compose_file_gives_the_service_is_documented_in_the_readme() throws Exception {
        JsonNode services = compose().get("services");
        TreeSet<String> given = new TreeSet<>();
        for (String s : List.of("attendance-1", "attendance-2", "notifier")) services.get(s).get("environment").fieldNames().forEachRemaining(given::add);
        assertThat(DocumentedSettings.notInReadme(given)).as("settings used in docker-compose.yml but not in README's table").isEmpty();
        // And each is read by the code (a documented setting nobody reads would be a lie).
        assertThat(DocumentedSettings.readByCode()).containsAll(given);
    }
}
