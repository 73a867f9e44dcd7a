package io.attendance.app.kafka;

import io.attendance.contract.KafkaClients;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** The cluster refused this process's credentials or TLS: said once, plainly, so an operator knows which setting to fix. */
public final class KafkaRefused extends RuntimeException {
    KafkaRefused(KafkaClients kafka, AuthenticationException cause) {
        super("Kafka at " + kafka.bootstrapServers() + " refused this client: " + cause.getMessage() + " — check "
                + (cause instanceof SslAuthenticationException ? "ssl.truststore.* (the cluster's certificate authority) and ssl.keystore.*"
                : "sasl.mechanism and the user and password in sasl.jaas.config")
                + " in the Kafka client settings (--kafka-config, ATTENDANCE_KAFKA_CONFIG)", cause);
    }
}
