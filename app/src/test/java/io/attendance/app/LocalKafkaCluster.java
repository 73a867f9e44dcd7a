package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The compose file's Kafka brokers, in this process: each node's {@code KAFKA_*} environment turned
 * into broker properties the way the apache/kafka image does it, with only the addresses moved to
 * localhost ports and the data to a scratch folder (there is no Docker network here).
 */
final class LocalKafkaCluster implements AutoCloseable {
    private final List<KafkaRaftServer> nodes = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();
    private final boolean[] stopped;

    private LocalKafkaCluster(int size) {
        stopped = new boolean[size];
    }

    /** Starts the given compose services (their environments, in order) as one cluster. */
    static LocalKafkaCluster start(List<Map<String, String>> environments, Path dataDir) {
        int n = environments.size();
        LocalKafkaCluster cluster = new LocalKafkaCluster(n);
        List<Integer> controllerPorts = new ArrayList<>();
        List<Integer> ports = EmbeddedBroker.freePorts(2 * n);
        for (int i = 0; i < n; i++) {
            cluster.clientPorts.add(ports.get(2 * i));
            controllerPorts.add(ports.get(2 * i + 1));
        }
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < n; i++) voters.add(nodeId(environments.get(i)) + "@localhost:" + controllerPorts.get(i));
        for (int i = 0; i < n; i++) {
            Map<String, String> env = environments.get(i);
            Properties p = properties(env);
            Path logDir = dataDir.toAbsolutePath().resolve("kafka-" + nodeId(env));
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.put("listeners", "PLAINTEXT://localhost:" + cluster.clientPorts.get(i) + ",CONTROLLER://localhost:" + controllerPorts.get(i));
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + cluster.clientPorts.get(i));
            p.put("controller.quorum.voters", String.join(",", voters));
            p.put("log.dirs", logDir.toString());
            EmbeddedBroker.format(logDir, nodeId(env), env.get("CLUSTER_ID"));
            cluster.nodes.add(new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM));
        }
        // A broker's start-up waits for the controller quorum, which needs a majority: start them together.
        CompletableFuture.allOf(cluster.nodes.stream().map(s -> CompletableFuture.runAsync(s::startup))
                .toArray(CompletableFuture[]::new)).join();
        return cluster;
    }

    /** KAFKA_FOO_BAR → foo.bar, KAFKA_A__B → a_b, KAFKA_A___B → a-b: the apache/kafka image's rule. */
    static Properties properties(Map<String, String> env) {
        Properties p = new Properties();
        env.forEach((k, v) -> {
            if (!k.startsWith("KAFKA_")) return;
            String name = k.substring("KAFKA_".length()).toLowerCase()
                    .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            p.put(name, v);
        });
        return p;
    }

    private static int nodeId(Map<String, String> env) {
        return Integer.parseInt(env.get("KAFKA_NODE_ID"));
    }

    String bootstrapServers() {
        return clientPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** Bootstrap over the nodes still running. */
    String liveBootstrapServers() {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) if (!stopped[i]) live.add("localhost:" + clientPorts.get(i));
        return String.join(",", live);
    }

    /** Stops node {@code index} (0-based) with a controlled shutdown, as {@code docker-compose stop} would. */
    void stop(int index) {
        if (stopped[index]) return;
        stopped[index] = true;
        nodes.get(index).shutdown();
        nodes.get(index).awaitShutdown();
    }

    /** The rest together: one node left alone would wait for a controller majority that is gone. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            stopping.add(CompletableFuture.runAsync(() -> stop(index)));
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }
}
