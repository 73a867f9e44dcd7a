package io.attendance.streams.topology;

import io.attendance.schemas.PupilContacts;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;

/**
 * Keeps each pupil's parents as last given (the compacted contacts topic), keyed by UPN, in the
 * pupil's task: a court pack names the parents with parental responsibility and their addresses
 * where the case lives. A tombstone removes them. A record it cannot read, or keyed by another pupil,
 * is skipped and its place logged (never its content): the notifier, which reads the same topic,
 * dead-letters an unreadable one with the reason, and the API never writes a mismatched one.
 */
public final class ContactsIndexProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContactsIndexProcessor.class);
    private final Deserializer<PupilContacts> reader;
    private final String topic;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, PupilContacts> contacts;

    public ContactsIndexProcessor(Deserializer<PupilContacts> reader, String topic) {
        this.reader = reader;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.contacts = context.getStateStore(StoreNames.PUPIL_CONTACTS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            deadLetter(record, "key is missing: contacts are keyed by the pupil's UPN");
            return;
        }
        String upn = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            contacts.delete(upn);
            return;
        }
        PupilContacts c;
        try {
            c = reader.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "value: not a PupilContacts record: " + e.getMessage());
            return;
        }
        if (!upn.equals(c.getUpn())) {
            deadLetter(record, "key does not match the record's upn");
            return;
        }
        contacts.put(upn, c);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        // where, never what: a contacts record is personal data
        log.warn("contacts record skipped ({}): {}", context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                reason.startsWith("value:") ? "not a PupilContacts record" : reason);
    }
}
