package io.attendance.tools.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.app.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image built with no Docker engine and no registry, then run as a container runtime
 * would run it, without one: its layers unpacked into a fresh root, the service started from the image's
 * own entrypoint inside that root (chroot, its own mount and process namespaces, as user 10001), and
 * its readiness probe answering once its in-process broker, streams (RocksDB) and API are up.
 */
class ImageBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_image_tarball_runs_the_service_from_its_own_entrypoint_until_it_is_ready() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "image-test").toAbsolutePath());
        Path tar = dir.resolve("attendance-image.tar");
        ImageCommand.build(Path.of("..", "app", "target", "attendance.jar"), tar, "attendance:test");

        // What `docker load` reads: manifest.json naming the config and the layers in order.
        Path image = dir.resolve("image");
        ImageRootfs.deleteTree(image);
        Files.createDirectories(image);
        ImageRootfs.run(List.of("tar", "-xf", tar.toString(), "-C", image.toString()));
        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("attendance:test");
        JsonNode config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
        assertThat(config.get("Entrypoint")).hasToString(JSON.writeValueAsString(ImageCommand.ENTRYPOINT));
        assertThat(config.get("Cmd")).hasToString("[\"run\"]");
        assertThat(config.get("User").asText()).isEqualTo("10001");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();

        Path root = dir.resolve("root");
        ImageRootfs.deleteTree(root);
        Files.createDirectories(root);
        for (JsonNode layer : manifest.get("Layers")) {
            ImageRootfs.run(List.of("tar", "-xzf", image.resolve(layer.asText()).toString(), "-C", root.toString()));
        }
        // What a runtime gives every container: /proc (mounted below, in a namespace of its own) and a few devices.
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        for (String[] node : new String[][]{{"null", "3"}, {"zero", "5"}, {"random", "8"}, {"urandom", "9"}}) {
            List<String> mknod = new ArrayList<>(asRoot());
            mknod.addAll(List.of("mknod", "-m", "666", root.resolve("dev/" + node[0]).toString(), "c", "1", node[1]));
            ImageRootfs.run(mknod);
        }

        List<Integer> ports = EmbeddedBroker.freePorts(2);
        List<String> command = new ArrayList<>(asRoot());
        command.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc=" + root.resolve("proc"),
                "chroot", "--userspec=10001:10001", root.toString()));
        command.addAll(ImageCommand.ENTRYPOINT);
        command.addAll(List.of("run", "--no-demo", "--no-notifier", "--port", String.valueOf(ports.get(0)),
                "--broker-port", String.valueOf(ports.get(1))));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        b.environment().clear(); // what the image sets, and the secrets a deployment gives it
        b.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"); // for unshare to find chroot; java is started by its full path
        b.environment().put("ATTENDANCE_DATA_DIR", "/data");
        b.environment().put("ATTENDANCE_ADMIN_KEY", "k".repeat(40));
        b.environment().put("ATTENDANCE_SESSION_SECRET", "s".repeat(40));
        Process service = b.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://localhost:" + ports.get(0) + "/health/ready");
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .failFast("the service in the image stopped (target/image-test/service.log)", () -> !service.isAlive())
                    .until(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            assertThat(Files.readString(dir.resolve("service.log"), StandardCharsets.UTF_8)).contains("embedded Kafka broker");
        } finally {
            // unshare's parent ignores SIGTERM while it waits: stop the service itself (its shutdown hook runs), then unshare ends
            service.toHandle().descendants().forEach(ProcessHandle::destroy);
            if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                service.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                service.destroyForcibly();
            }
        }
        // The tarball stays (what CI keeps); the trees it was checked from go (about 800 MB).
        for (String d : List.of("image", "root", "attendance-image.tar.rootfs", "jib-cache")) ImageRootfs.deleteTree(dir.resolve(d));
    }

    /** Namespaces, chroot and device nodes need root: directly when the suite runs as root, else through sudo (as test.sh installs). */
    private static List<String> asRoot() throws Exception {
        return ImageRootfs.run(List.of("id", "-u")).strip().equals("0") ? List.of() : List.of("sudo", "-n");
    }
}
