package io.attendance.app.kafka;

import io.attendance.contract.Topics;
import io.attendance.contract.serde.ConfluentSerdes;
import io.attendance.contract.serde.SchemaRegistry;
import io.attendance.contract.serde.SingleObjectSerdes;
import picocli.CommandLine.Option;

/**
 * How records are framed on the topics: Avro single-object encoding with no registry (the default, the
 * embedded demo), or Confluent's framing against a schema registry, for a deployment whose connectors
 * and vendors use the standard serializers. State stores keep single-object encoding either way
 * (they are the service's own; no registry subjects for its changelogs).
 */
public final class WireFormatOption {
    @Option(names = "--schema-registry", defaultValue = "${env:ATTENDANCE_SCHEMA_REGISTRY_URL}",
            description = "A schema registry (the Confluent REST API: Confluent, Apicurio's /apis/ccompat/v7, Karapace): topics then carry "
                    + "Confluent's framing, the schemas registered at start as <topic>-value.")
    String url;

    @Option(names = "--schema-registry-user-info", defaultValue = "${env:ATTENDANCE_SCHEMA_REGISTRY_USER_INFO}",
            description = "user:password for the registry's basic authentication (prefer the environment).")
    String userInfo;

    /**
     * The topics' serdes; with a registry, every topic's schema checked and registered first.
     *
     * @throws IllegalArgumentException saying what the registry refused (unreachable, a login refused, a schema incompatible)
     */
    public Topics topics() {
        return topics(io.attendance.core.retention.RetentionSchedule.shipped());
    }

    /** With the LA's retention table (its policies folder's retention/retention.yaml). */
    public Topics topics(io.attendance.core.retention.RetentionSchedule retention) {
        if (url == null || url.isBlank()) return new Topics(new SingleObjectSerdes(), retention);
        ConfluentSerdes serdes = new ConfluentSerdes(new SchemaRegistry(url, userInfo));
        Topics topics = new Topics(serdes, retention);
        try {
            serdes.registerAll(topics.valueSchemas());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + " (--schema-registry, ATTENDANCE_SCHEMA_REGISTRY_URL)", e);
        }
        return topics;
    }
}
