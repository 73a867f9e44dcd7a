package io.attendance.contract;

import io.attendance.schemas.AttendanceSignal;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.Letter;
import io.attendance.schemas.LetterDelivery;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.serde.RecordSerdes;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

import io.attendance.core.retention.RetentionSchedule;

import java.util.List;
import java.util.Map;

/** Every topic the product reads or writes, with its serdes and creation settings. */
public final class Topics {
    /** Tables: the latest record per key is the truth; the purge deletes by tombstone. */
    private static final String TABLE = TopicConfig.CLEANUP_POLICY_COMPACT;
    /**
     * A table's replaced and deleted records are physically removed within about two days (a removed
     * parent, an erased pupil): segments roll daily and each is compacted within a day of its oldest
     * record (the tombstone, the key alone, stays a week). Kafka's defaults could keep them for weeks.
     */
    public static final Map<String, String> PROMPT_COMPACTION = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, Long.toString(java.time.Duration.ofDays(1).toMillis()),
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(java.time.Duration.ofDays(1).toMillis()),
            // a tombstone itself stays a week: an instance or the notifier down for days still reads it
            TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(java.time.Duration.ofDays(7).toMillis()));

    /** Logs: deleted by age, by the retention table (policies/retention/retention.yaml). */
    private static final String LOG = TopicConfig.CLEANUP_POLICY_DELETE;
    /** Signed-out sessions matter only until they would have expired: compacted, and deleted by age. */
    private static final String COMPACT_AND_DELETE = TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE;

    public static final String DLQ_SUFFIX = ".dlq";

    public final Topic<String, RegisterMark> marks;
    public final Topic<String, RegisterMark> marksRerouted;
    public final Topic<String, School> schools;
    public final Topic<String, AttendanceSignal> signals;
    public final Topic<byte[], byte[]> marksDlq;
    /** School-day ticks, key urn|date, each written to every partition (every task sees every school's clock). */
    public final Topic<String, ClockTick> clock;
    public final Topic<String, CaseAction> caseActions;
    public final Topic<String, CaseEvent> caseEvents;
    public final Topic<byte[], byte[]> clockDlq;
    public final Topic<byte[], byte[]> caseActionsDlq;
    /** Every parent of each pupil, key upn (compacted: the latest list is the truth). */
    public final Topic<String, PupilContacts> contacts;
    public final Topic<byte[], byte[]> contactsDlq;
    /** Evidence of every letter produced and how it went, key upn (with its PDF). */
    public final Topic<String, Letter> letters;
    /** Letters that could not be delivered after every retry, and case events the notifier could not read. */
    public final Topic<byte[], byte[]> lettersDlq;
    /** The notifier's delivery ledger, key letter id: what a channel has already accepted. */
    public final Topic<String, LetterDelivery> letterDeliveries;
    /** The LA's confirmed roll changes (moves, dual registrations), key upn, to the pupil's partition. */
    public final Topic<String, io.attendance.schemas.RollChange> rollChanges;
    public final Topic<byte[], byte[]> rollChangesDlq;
    /** Sessions signed out before their expiry, key session id, value that expiry (epoch ms): every instance refuses them. */
    public final Topic<String, Long> sessionRevocations;
    /** UPN → URN: a pupil's figures changed (the pages' live updates). A notice, not evidence: kept an hour. */
    public final Topic<String, String> pupilChanges;

    /** What the table says of each topic it classes. */
    private final RetentionSchedule retention;
    /** Erasure requests the LA made (key upn): the topology removes the pupil from its stores. */
    public final Topic<String, io.attendance.schemas.ErasureRequest> erasures;
    /** Every read of a pupil, case or letter (key upn): who, when, what, which instance. */
    public final Topic<String, io.attendance.schemas.AccessEvent> accessAudit;
    public final Topic<byte[], byte[]> accessAuditDlq;
    public final Topic<byte[], byte[]> erasuresDlq;

    /** With the shipped retention table. */
    public Topics(RecordSerdes serdes) {
        this(serdes, RetentionSchedule.shipped());
    }

    public Topics(RecordSerdes serdes, RetentionSchedule retention) {
        this.retention = retention;
        // Marks are an append-only log, never compacted: compaction would keep only an amended mark's
        // last recording, at the amendment's place in the log, so a replay would not see the register
        // as it stood on each day (measured: cases opened a day or more late in a replay of a compacted
        // log). Registers must be kept 6 years, and every recording is evidence.
        marks = topic("marks", Serdes.String(), avro(serdes, "marks", RegisterMark.class), true, LOG);
        marksRerouted = topic("marks-by-pupil", Serdes.String(), avro(serdes, "marks-by-pupil", RegisterMark.class), true, LOG);
        schools = topic("schools", Serdes.String(), avro(serdes, "schools", School.class), false, TABLE);
        signals = topic("attendance-signals", Serdes.String(), avro(serdes, "attendance-signals", AttendanceSignal.class), true, LOG);
        marksDlq = topic(marks.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        clock = topic("clock", Serdes.String(), avro(serdes, "clock", ClockTick.class), true, LOG);
        caseActions = topic("case-actions", Serdes.String(), avro(serdes, "case-actions", CaseAction.class), true, LOG);
        caseEvents = topic("case-events", Serdes.String(), avro(serdes, "case-events", CaseEvent.class), true, LOG);
        clockDlq = topic(clock.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        caseActionsDlq = topic(caseActions.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        contacts = topic("contacts", Serdes.String(), avro(serdes, "contacts", PupilContacts.class), true, TABLE);
        contactsDlq = topic(contacts.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        letters = topic("letters", Serdes.String(), avro(serdes, "letters", Letter.class), true, LOG);
        lettersDlq = topic(letters.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        letterDeliveries = topic("letter-deliveries", Serdes.String(), avro(serdes, "letter-deliveries", LetterDelivery.class), false, TABLE);
        rollChanges = topic("roll-changes", Serdes.String(), avro(serdes, "roll-changes", io.attendance.schemas.RollChange.class), true, LOG);
        rollChangesDlq = topic(rollChanges.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        sessionRevocations = topic("session-revocations", Serdes.String(), Serdes.Long(), false, COMPACT_AND_DELETE);
        pupilChanges = topic("pupil-changes", Serdes.String(), Serdes.String(), true, LOG);
        erasures = topic("erasures", Serdes.String(), avro(serdes, "erasures", io.attendance.schemas.ErasureRequest.class), true, LOG);
        accessAudit = topic("access-audit", Serdes.String(), avro(serdes, "access-audit", io.attendance.schemas.AccessEvent.class), true, LOG);
        accessAuditDlq = topic(accessAudit.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        erasuresDlq = topic(erasures.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        List<String> unclassed = retention.unclassed(all().stream().map(Topic::name).toList());
        if (!unclassed.isEmpty()) {
            throw new IllegalArgumentException(RetentionSchedule.FILE + ": topics " + unclassed + " are in no class: every topic has a retention");
        }
    }

    /** A topic with its clean-up policy and, where deleted by age, the retention table's backstop. */
    private <K, V> Topic<K, V> topic(String name, org.apache.kafka.common.serialization.Serde<K> keys,
                                     org.apache.kafka.common.serialization.Serde<V> values, boolean pupilKeyed, String cleanup) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup);
        if (cleanup.equals(TABLE)) {
            config.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
            config.putAll(PROMPT_COMPACTION);
        }
        else retention.forTopic(name).ifPresent(c -> config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(c.backstopMs())));
        return new Topic<>(name, keys, values, pupilKeyed, Map.copyOf(config));
    }

    public RetentionSchedule retention() {
        return retention;
    }

    /** Each topic of Avro records, with the record type (in topic order): what a schema registry is given at start. */
    private final java.util.Map<String, Class<? extends org.apache.avro.specific.SpecificRecord>> avroTypes = new java.util.LinkedHashMap<>();

    private <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Serde<T> avro(RecordSerdes serdes, String topic,
                                                                                                                Class<T> type) {
        avroTypes.put(topic, type);
        return serdes.serde(type);
    }

    /** Every topic's value schema, by topic: Avro topics only (DLQs carry raw bytes, notices strings). */
    public java.util.Map<String, org.apache.avro.Schema> valueSchemas() {
        java.util.Map<String, org.apache.avro.Schema> out = new java.util.LinkedHashMap<>();
        avroTypes.forEach((topic, type) -> out.put(topic, org.apache.avro.specific.SpecificData.getForClass(type).getSchema(type)));
        return out;
    }

    /** The streams app's partitioned inputs: how far its group has committed through these is how far it has got. */
    public java.util.Set<String> streamsInputs() {
        return java.util.Set.of(marks.name(), marksRerouted.name(), clock.name(), caseActions.name(), rollChanges.name());
    }

    public List<Topic<?, ?>> all() {
        return List.of(marks, marksRerouted, schools, signals, marksDlq, clock, caseActions, caseEvents, clockDlq, caseActionsDlq,
                contacts, contactsDlq, letters, lettersDlq, letterDeliveries, rollChanges, rollChangesDlq, sessionRevocations, pupilChanges,
                erasures, erasuresDlq, accessAudit, accessAuditDlq);
    }
}
