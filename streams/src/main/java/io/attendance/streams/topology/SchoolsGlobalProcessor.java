package io.attendance.streams.topology;

import io.attendance.schemas.School;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the global schools store (the validated record's bytes). A global store cannot forward to a dead-letter topic, so an
 * unreadable school record is logged (school records hold no personal data) and skipped; the
 * API validates schools before they reach the topic.
 */
final class SchoolsGlobalProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(SchoolsGlobalProcessor.class);

    private final Deserializer<School> schools;
    private KeyValueStore<String, byte[]> store;
    private ProcessorContext<Void, Void> context;

    SchoolsGlobalProcessor(Deserializer<School> schools) {
        this.schools = schools;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SCHOOLS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            log.warn("schools record without a key skipped at {}", where());
            return;
        }
        String urn = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            store.delete(urn);
            return;
        }
        try {
            School school = schools.deserialize("schools", record.value());
            if (!school.getUrn().equals(urn)) {
                log.warn("school record keyed {} holds URN {}: skipped at {}", urn, school.getUrn(), where());
                return;
            }
            store.put(urn, record.value());
        } catch (SerializationException e) {
            log.warn("unreadable school record {} skipped at {}: {}", urn, where(), e.getMessage());
        }
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
