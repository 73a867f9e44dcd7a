package io.attendance.contract;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every Kafka client of the product reaches the cluster: its bootstrap servers and the LA's own
 * client settings, Kafka's own keys from one properties file ({@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, timeouts...).
 * Each client takes these, then its own settings, which the file cannot override: serializers,
 * idempotence, isolation and transactional ids are what exactly-once rests on.
 *
 * @param settings the file's settings, bootstrap.servers excluded; values may hold secrets, so never log them
 */
public record KafkaClients(String bootstrapServers, Map<String, String> settings) {
    public KafkaClients {
        if (bootstrapServers == null || bootstrapServers.isBlank()) throw new IllegalArgumentException("bootstrap.servers is not set");
        settings = Map.copyOf(settings);
    }

    /** A cluster reached with Kafka's defaults (PLAINTEXT, no credentials): the embedded broker, a test cluster. */
    public static KafkaClients of(String bootstrapServers) {
        return new KafkaClients(bootstrapServers, Map.of());
    }

    /**
     * Reads a client properties file.
     *
     * @param bootstrapServers from the command line or environment, or null to take the file's {@code bootstrap.servers}
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KafkaClients load(String bootstrapServers, Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("Kafka client settings " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) settings.put(key, p.getProperty(key).strip());
        String fromFile = settings.remove("bootstrap.servers");
        String bootstrap = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers : fromFile;
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka client settings " + file + ": no bootstrap.servers in it and none given "
                    + "(--bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS)");
        }
        for (String key : settings.keySet()) {
            if (key.startsWith("key.") || key.startsWith("value.") || key.equals("transactional.id") || key.equals("group.id")
                    || key.equals("isolation.level") || key.equals("enable.idempotence") || key.equals("processing.guarantee")
                    || key.equals("application.id")) {
                throw new IllegalArgumentException("Kafka client settings " + file + ": '" + key + "' is set by the product for each "
                        + "client (exactly-once rests on it); the file is for connecting: security.protocol, sasl.*, ssl.*, timeouts");
            }
        }
        return new KafkaClients(bootstrap, settings);
    }

    /** A client's configuration: bootstrap servers, then the file's settings, then the client's own (which win). */
    public Map<String, Object> config(Map<String, ?> own) {
        Map<String, Object> c = new HashMap<>(settings);
        c.put("bootstrap.servers", bootstrapServers);
        c.putAll(own);
        return c;
    }

    /** The same as {@link #config}, as Properties (Kafka Streams). */
    public Properties properties(Map<String, ?> own) {
        Properties p = new Properties();
        p.putAll(config(own));
        return p;
    }

    /** The settings' names only (their values may be secrets): for a start-up log line. */
    public String describe() {
        return bootstrapServers + (settings.isEmpty() ? "" : " with " + String.join(", ", new TreeMap<>(settings).keySet()));
    }
}
