package io.attendance.app;

import io.attendance.api.UnstartedApi;
import io.attendance.app.letters.NotifierHttp;
import io.javalin.testtools.JavalinTest;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes read as the cluster would, checked as ComposeFileTest checks compose: every
 * setting documented and read by the code, probes at routes the processes serve, each pod's
 * advertised host its own name through the headless service, the notifier's id its pod's name,
 * every Secret and ConfigMap it mounts shipped beside it, and the memory BENCHMARKS measured.
 */
class KubernetesManifestsTest {
    private static final Path DIR = DocumentedSettings.ROOT.resolve("deploy/kubernetes");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                for (Object o : new Yaml().loadAll(Files.readString(f))) if (o != null) all.add((Map<String, Object>) o);
            }
        }
        return all;
    }

    private static Map<String, Object> object(String kind, String name) throws Exception {
        return objects().stream().filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object o = node;
        for (String p : path) o = o == null ? null : ((Map<String, Object>) o).get(p);
        return (T) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> statefulSet) {
        return ((List<Map<String, Object>>) at(statefulSet, "spec", "template", "spec", "containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) out.put((String) e.get("name"), e);
        return out;
    }

    @Test
    void every_setting_the_manifests_give_is_in_the_readme_and_read_by_the_code() throws Exception {
        TreeSet<String> given = new TreeSet<>();
        for (String name : List.of("attendance", "notifier")) {
            env(container(object("StatefulSet", name))).keySet().stream().filter(k -> k.startsWith("ATTENDANCE_") || k.startsWith("KAFKA_"))
                    .forEach(given::add);
        }
        assertThat(given).contains("ATTENDANCE_ADVERTISED_HOST", "ATTENDANCE_NOTIFIER_ID", "ATTENDANCE_KAFKA_CONFIG");
        assertThat(DocumentedSettings.notInReadme(given)).as("settings in deploy/kubernetes but not in README's table").isEmpty();
        assertThat(DocumentedSettings.readByCode()).containsAll(given);
    }

    @Test
    void each_instance_is_a_stateful_pod_advertised_by_its_own_name_through_the_headless_service() throws Exception {
        Map<String, Object> set = object("StatefulSet", "attendance");
        String headless = at(set, "spec", "serviceName");
        assertThat(at(object("Service", headless), "spec", "clusterIP").toString()).isEqualTo("None");
        Map<String, Map<String, Object>> env = env(container(set));
        assertThat(at(env.get("POD_NAME"), "valueFrom", "fieldRef", "fieldPath").toString()).isEqualTo("metadata.name");
        assertThat(env.get("ATTENDANCE_ADVERTISED_HOST").get("value").toString()).startsWith("$(POD_NAME)." + headless + ".");
        assertThat(((List<?>) at(set, "spec", "volumeClaimTemplates")).toString()).contains("state");
        assertThat(container(set).get("volumeMounts").toString()).contains("mountPath=/data");
        assertThat(env.get("ATTENDANCE_DATA_DIR").get("value")).isEqualTo("/data");
        assertThat(container(set).get("args")).isEqualTo(List.of("run", "--no-notifier"));
        // No demo: a cluster of the LA's own (the client settings file), and the keys from a Secret.
        assertThat(at(env.get("ATTENDANCE_ADMIN_KEY"), "valueFrom", "secretKeyRef", "name").toString()).isEqualTo("attendance-keys");
        assertThat(at(env.get("ATTENDANCE_SESSION_SECRET"), "valueFrom", "secretKeyRef", "name").toString()).isEqualTo("attendance-keys");

        Map<String, Object> notifier = object("StatefulSet", "notifier");
        Map<String, Map<String, Object>> notifierEnv = env(container(notifier));
        assertThat(notifierEnv.get("ATTENDANCE_NOTIFIER_ID").get("value")).isEqualTo("$(POD_NAME)");
        assertThat(at(notifierEnv.get("POD_NAME"), "valueFrom", "fieldRef", "fieldPath").toString()).isEqualTo("metadata.name");
        assertThat(container(notifier).get("args")).isEqualTo(List.of("notifier"));
    }

    @Test
    void the_probes_point_at_routes_the_service_and_the_notifier_serve() throws Exception {
        Map<String, Object> service = container(object("StatefulSet", "attendance"));
        String live = at(service, "livenessProbe", "httpGet", "path"), ready = at(service, "readinessProbe", "httpGet", "path");
        assertThat(List.of(live, ready)).containsExactly("/health/live", "/health/ready");
        assertThat(at(service, "startupProbe", "httpGet", "path").toString()).isEqualTo(live);
        // The service's own API, over a streams app not yet running: alive (it will get there), not ready.
        KafkaStreams streams = UnstartedApi.streams("k8s-probes");
        try {
            JavalinTest.test(UnstartedApi.api(streams), (server, client) -> {
                assertThat(client.get(live).code()).isEqualTo(200);
                assertThat(client.get(ready).code()).isEqualTo(503);
            });
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
        Map<String, Object> notifier = container(object("StatefulSet", "notifier"));
        assertThat(List.of(at(notifier, "livenessProbe", "httpGet", "path"), at(notifier, "readinessProbe", "httpGet", "path")))
                .containsExactly(NotifierHttp.LIVE, NotifierHttp.READY);
        // the probes' named port is the one the notifier listens on
        assertThat(notifier.get("ports").toString()).contains("containerPort=" + env(notifier).get("ATTENDANCE_NOTIFIER_PORT").get("value"));
    }

    @Test
    void every_secret_and_config_map_mounted_is_shipped_and_memory_is_what_was_measured() throws Exception {
        for (String name : List.of("attendance", "notifier")) {
            Map<String, Object> set = object("StatefulSet", name);
            List<Map<String, Object>> volumes = at(set, "spec", "template", "spec", "volumes");
            for (Map<String, Object> v : volumes) {
                if (v.containsKey("secret")) object("Secret", at(v, "secret", "secretName"));
                if (v.containsKey("configMap")) object("ConfigMap", at(v, "configMap", "name"));
            }
            Map<String, Map<String, Object>> env = env(container(set));
            // the Kafka settings file is where the Secret is mounted
            String mount = container(set).get("volumeMounts").toString();
            assertThat(env.get("ATTENDANCE_KAFKA_CONFIG").get("value").toString()).startsWith("/etc/attendance/kafka/");
            assertThat(mount).contains("mountPath=/etc/attendance/kafka");
            assertThat(at(object("Secret", "attendance-kafka"), "stringData", "client.properties").toString()).contains("security.protocol=");
            // compose's mem_limit (1280m): 512 MiB heap at the image's 40%, 889 MB measured peak (README, "Deploying")
            assertThat(at(container(set), "resources", "limits", "memory").toString()).isEqualTo("1280Mi");
        }
        assertThat(ComposeServices.load().names()).contains("notifier");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_retention_purge_runs_nightly_on_the_notifiers_outbox_and_the_clusters_topics() throws Exception {
        Map<String, Object> cron = object("CronJob", "attendance-purge");
        assertThat(at(cron, "spec", "schedule").toString()).isEqualTo("30 2 * * *");
        Map<String, Object> pod = at(cron, "spec", "jobTemplate", "spec", "template", "spec");
        Map<String, Object> purge = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<String>) purge.get("args")).containsExactly("purge");
        assertThat(new picocli.CommandLine(new io.attendance.app.Main()).getSubcommands()).containsKey("purge");
        // the notifier's own outbox: its StatefulSet's claim template "outbox" for pod notifier-0, at the same path
        Map<String, Object> notifier = object("StatefulSet", "notifier");
        String claim = at(((List<Map<String, Object>>) at(notifier, "spec", "volumeClaimTemplates")).get(0), "metadata", "name");
        assertThat(pod.get("volumes").toString()).contains("claimName=" + claim + "-notifier-0");
        assertThat(env(purge).get("ATTENDANCE_OUTBOX")).isEqualTo(env(container(notifier)).get("ATTENDANCE_OUTBOX"));
        assertThat(env(purge).get("ATTENDANCE_KAFKA_CONFIG")).isEqualTo(env(container(notifier)).get("ATTENDANCE_KAFKA_CONFIG"));
        // ReadWriteOnce: the job runs on the notifier's node
        assertThat(pod.get("affinity").toString()).contains("app.kubernetes.io/name=notifier").contains("kubernetes.io/hostname");
    }
}
