package io.attendance.contract.serde;

import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body) for every record type. */
public final class SingleObjectSerdes implements RecordSerdes {
    static {
        // Avro 1.12 only instantiates classes it trusts; our generated records are ours.
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(c -> previous.isTrusted(c)
                || c.getPackageName().equals("io.attendance.schemas"));
    }

    private final SchemaStore history;
    private final Map<Class<?>, Serde<?>> cache = new ConcurrentHashMap<>();

    public SingleObjectSerdes() {
        this(SchemaHistory.store());
    }

    public SingleObjectSerdes(SchemaStore history) {
        this.history = history;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return (Serde<T>) cache.computeIfAbsent(type, t -> new SingleObjectSerde<>(type, history));
    }
}
