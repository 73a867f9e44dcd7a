package io.attendance.app.kafka;

import io.attendance.contract.KafkaClients;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --kafka-config FILE}: the LA's Kafka client settings, for every command that talks to the cluster. */
public final class KafkaConfigOption {
    @Option(names = "--kafka-config", defaultValue = "${env:ATTENDANCE_KAFKA_CONFIG}",
            description = "Kafka client properties (Kafka's own keys: security.protocol, sasl.mechanism, sasl.jaas.config, "
                    + "ssl.truststore.location, ...) applied to every client this process creates; may hold bootstrap.servers.")
    Path file;

    /** Whether a settings file was given (it may name the cluster by itself). */
    public boolean given() {
        return file != null;
    }

    /**
     * @param bootstrap from --bootstrap-servers or the environment; null or blank to take the file's
     * @throws IllegalArgumentException saying which setting is missing or which file cannot be read
     */
    public KafkaClients clients(String bootstrap) {
        if (file != null) return KafkaClients.load(bootstrap, file);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka cluster given: --bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS) or --kafka-config "
                    + "with bootstrap.servers");
        }
        return KafkaClients.of(bootstrap);
    }
}
