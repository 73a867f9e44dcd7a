package io.attendance.app.kafka;

import io.attendance.contract.KafkaClients;
import io.attendance.contract.Topics;

/** The LA's cluster as a command reaches it: its client settings, and its topics in their wire format. */
public record Cluster(KafkaClients kafka, Topics topics) {
    /**
     * @param bootstrap from --bootstrap-servers or the environment (null or blank: the settings file's)
     * @throws IllegalArgumentException naming the setting that is missing, unreadable or refused (a schema registry's too)
     */
    public static Cluster of(KafkaConfigOption kafka, String bootstrap, WireFormatOption wire) {
        return new Cluster(kafka.clients(bootstrap), wire.topics());
    }

    /** With the LA's retention table: for a command that creates or configures topics (their retention comes from it). */
    public static Cluster of(KafkaConfigOption kafka, String bootstrap, WireFormatOption wire, java.nio.file.Path policies) {
        return new Cluster(kafka.clients(bootstrap), wire.topics(io.attendance.core.retention.RetentionSchedule.of(policies)));
    }
}
