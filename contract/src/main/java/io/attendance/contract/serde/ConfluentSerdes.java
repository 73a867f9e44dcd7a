package io.attendance.contract.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire format of a deployment with a schema registry: Confluent's framing (magic byte 0, the
 * schema's 4-byte id, then the Avro binary body), the subject per topic ({@code <topic>-value}, the
 * topic-name strategy), which every Confluent, Apicurio and Karapace client reads and writes. Records
 * in the embedded default's single-object encoding still read, so a log written before the switch
 * replays. Ids and writer schemas are cached: the registry is asked once per topic and per id.
 */
public final class ConfluentSerdes implements RecordSerdes {
    private final SchemaRegistry registry;
    private final SingleObjectSerdes earlier = new SingleObjectSerdes();
    private final Map<Class<?>, Serde<?>> cache = new ConcurrentHashMap<>();
    /** "subject|fingerprint" -> id. */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public ConfluentSerdes(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return (Serde<T>) cache.computeIfAbsent(type, t -> new ConfluentSerde<>(type, this, earlier.serde(type)));
    }

    /** The topic-name strategy's subject for a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /**
     * At start: each topic's value schema is checked against the subject's latest version (the registry
     * applies the subject's rule, BACKWARD by default) and registered; an incompatible one stops the start.
     */
    public void registerAll(Map<String, Schema> valueSchemaByTopic) {
        valueSchemaByTopic.forEach((topic, schema) -> {
            String subject = subject(topic);
            if (!registry.compatible(subject, schema)) {
                throw new IllegalStateException("schema registry: " + schema.getFullName() + " as this version writes it is not compatible with "
                        + "the latest version registered under " + subject + " (the subject's rule, BACKWARD by default): "
                        + "a reader of the topic could not read it");
            }
            idFor(topic, schema);
        });
    }

    int idFor(String topic, Schema schema) {
        String subject = subject(topic);
        return ids.computeIfAbsent(subject + "|" + org.apache.avro.SchemaNormalization.parsingFingerprint64(schema),
                k -> {
                    int id = registry.register(subject, schema);
                    schemas.putIfAbsent(id, schema);
                    return id;
                });
    }

    Schema schemaFor(int id) {
        return schemas.computeIfAbsent(id, registry::schema);
    }
}
