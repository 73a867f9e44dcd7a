package io.attendance.streams.topology;

import io.attendance.schemas.ErasureRequest;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollEntry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erases a pupil the LA has no legal basis to keep from every store of the pupil's task: figures,
 * register cells and their history, the school lists, parents, the access log, the action log and
 * the case index, and the parents from the contacts topic (a tombstone, in the same transaction). The
 * stores' changelogs get a tombstone per key. Refused (to erasures.dlq, with the
 * reason) while any case names the pupil: a case is evidence the LA must keep to its retention date.
 * Checked here, not only by the API, so a case opened in between is never erased, and a replay
 * decides the same.
 */
public final class ErasureProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    public static final String TO_DLQ = "erasures-dlq-sink";
    /** The parents' tombstone on the contacts topic: written with the stores' deletions, only once the case check passed. */
    public static final String TO_CONTACTS = "erasures-contacts-sink";
    /** Every store that holds a pupil's data under a key starting "upn|" (and the pupil's own key). */
    static final List<String> BY_PUPIL = List.of(StoreNames.PUPIL_MARKS, StoreNames.MARK_HISTORY, StoreNames.ACCESS_LOG,
            StoreNames.CASE_ACTION_LOG, StoreNames.CASE_INDEX);
    private final Deserializer<ErasureRequest> reader;
    private final String topic;
    private ProcessorContext<byte[], byte[]> context;

    public ErasureProcessor(Deserializer<ErasureRequest> reader, String topic) {
        this.reader = reader;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ErasureRequest e;
        try {
            e = reader.deserialize(topic, record.value());
        } catch (RuntimeException ex) {
            refuse(record, "value: not an ErasureRequest record: " + ex.getMessage());
            return;
        }
        if (e == null) return;
        String upn = e.getUpn();
        KeyValueStore<String, ?> cases = context.getStateStore(StoreNames.CASES);
        try (KeyValueIterator<String, ?> it = cases.range(upn + "-", upn + "-~")) {
            if (it.hasNext()) {
                refuse(record, "case " + it.next().key + " names the pupil: a case is kept to its retention date, not erased");
                return;
            }
        }
        KeyValueStore<String, PupilAttendance> pupils = context.getStateStore(StoreNames.PUPILS);
        Set<String> schools = new TreeSet<>();
        PupilAttendance state = pupils.get(upn);
        if (state != null) {
            schools.add(state.getUrn());
            for (RollEntry r : state.getRoll()) schools.add(r.getUrn());
            pupils.delete(upn);
        }
        KeyValueStore<String, Object> marks = context.getStateStore(StoreNames.PUPIL_MARKS);
        for (String key : keys(marks, upn)) schools.add(key.substring(key.lastIndexOf('|') + 1)); // upn|date|session|urn
        for (String name : BY_PUPIL) {
            KeyValueStore<String, Object> store = context.getStateStore(name);
            for (String key : keys(store, upn)) store.delete(key);
        }
        KeyValueStore<String, String> listed = context.getStateStore(StoreNames.SCHOOL_PUPILS);
        for (String urn : schools) listed.delete(urn + "|" + upn);
        KeyValueStore<String, Object> contacts = context.getStateStore(StoreNames.PUPIL_CONTACTS);
        contacts.delete(upn);
        context.forward(new Record<byte[], byte[]>(upn.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, record.timestamp()), TO_CONTACTS);
    }

    private static List<String> keys(KeyValueStore<String, Object> store, String upn) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, Object> it = store.range(upn + "|", upn + "|~")) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                out.add(kv.key);
            }
        }
        return out;
    }

    private void refuse(Record<byte[], byte[]> record, String reason) {
        context.forward(record.withHeaders(DeadLetterHeaders.of(record.headers(), reason, context)), TO_DLQ);
    }
}
