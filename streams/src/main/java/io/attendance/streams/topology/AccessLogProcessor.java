package io.attendance.streams.topology;

import io.attendance.schemas.AccessEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps who read each pupil's data, keyed {@code upn|at|who|what|resource} (at: epoch ms, 13 digits,
 * so a pupil's entries scan in time order), in the pupil's task: the access-log query reads it where
 * the pupil lives. The access-audit topic is the record; this is its index.
 */
public final class AccessLogProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    public static final String TO_DLQ = "access-audit-dlq-sink";
    private final Deserializer<AccessEvent> reader;
    private final String topic;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, AccessEvent> log;

    public AccessLogProcessor(Deserializer<AccessEvent> reader, String topic) {
        this.reader = reader;
        this.topic = topic;
    }

    public static String key(AccessEvent e) {
        return e.getUpn() + "|" + String.format("%013d", e.getAt().toEpochMilli()) + "|" + e.getWho() + "|" + e.getWhat() + "|" + e.getResource();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.log = context.getStateStore(StoreNames.ACCESS_LOG);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        AccessEvent e;
        try {
            e = reader.deserialize(topic, record.value());
        } catch (RuntimeException ex) {
            context.forward(record.withHeaders(DeadLetterHeaders.of(record.headers(),
                    "value: not an AccessEvent record: " + ex.getMessage(), context)), TO_DLQ);
            return;
        }
        if (e == null) return;
        log.put(key(e), e);
    }
}
