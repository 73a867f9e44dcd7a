package io.attendance.contract.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place the wire format is chosen. Today: Avro single-object encoding
 * ({@link SingleObjectSerdes}); a schema-registry-backed implementation can replace it
 * without touching topologies or the API.
 */
public interface RecordSerdes {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);
}
