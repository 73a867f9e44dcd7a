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

import java.util.List;
import java.util.Map;

/** Every topic the product reads or writes, with its serdes and creation settings. */
public final class Topics {
    /** Tables: the latest record per key is the truth; nothing is deleted by age. */
    private static final Map<String, String> TABLE = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
    /** Event logs keep past event times (replays, backfills): no deletion by age. */
    private static final Map<String, String> LOG = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    /** Notices for live pages matter for seconds: an hour's retention. */
    private static final Map<String, String> NOTICES = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(java.time.Duration.ofHours(1).toMillis()),
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    /** Signed-out sessions matter only until they would have expired (hours): compacted, and gone after a week. */
    private static final Map<String, String> REVOCATIONS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(java.time.Duration.ofDays(7).toMillis()));

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

    public Topics(RecordSerdes serdes) {
        // Marks are an append-only log, never compacted: compaction would keep only an amended mark's
        // last recording, at the amendment's place in the log, so a replay would not see the register
        // as it stood on each day (measured: cases opened a day or more late in a replay of a compacted
        // log). Registers must be kept 6 years, and every recording is evidence.
        marks = new Topic<>("marks", Serdes.String(), avro(serdes, "marks", RegisterMark.class), true, LOG);
        marksRerouted = new Topic<>("marks-by-pupil", Serdes.String(), avro(serdes, "marks-by-pupil", RegisterMark.class), true, LOG);
        schools = new Topic<>("schools", Serdes.String(), avro(serdes, "schools", School.class), false, TABLE);
        signals = new Topic<>("attendance-signals", Serdes.String(), avro(serdes, "attendance-signals", AttendanceSignal.class), true, LOG);
        marksDlq = new Topic<>(marks.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        clock = new Topic<>("clock", Serdes.String(), avro(serdes, "clock", ClockTick.class), true, LOG);
        caseActions = new Topic<>("case-actions", Serdes.String(), avro(serdes, "case-actions", CaseAction.class), true, LOG);
        caseEvents = new Topic<>("case-events", Serdes.String(), avro(serdes, "case-events", CaseEvent.class), true, LOG);
        clockDlq = new Topic<>(clock.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        caseActionsDlq = new Topic<>(caseActions.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        contacts = new Topic<>("contacts", Serdes.String(), avro(serdes, "contacts", PupilContacts.class), true, TABLE);
        contactsDlq = new Topic<>(contacts.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        letters = new Topic<>("letters", Serdes.String(), avro(serdes, "letters", Letter.class), true, LOG);
        lettersDlq = new Topic<>(letters.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        letterDeliveries = new Topic<>("letter-deliveries", Serdes.String(), avro(serdes, "letter-deliveries", LetterDelivery.class), false, TABLE);
        rollChanges = new Topic<>("roll-changes", Serdes.String(), avro(serdes, "roll-changes", io.attendance.schemas.RollChange.class), true, LOG);
        rollChangesDlq = new Topic<>(rollChanges.name() + DLQ_SUFFIX, Serdes.ByteArray(), Serdes.ByteArray(), false, LOG);
        sessionRevocations = new Topic<>("session-revocations", Serdes.String(), Serdes.Long(), false, REVOCATIONS);
        pupilChanges = new Topic<>("pupil-changes", Serdes.String(), Serdes.String(), true, NOTICES);
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
                contacts, contactsDlq, letters, lettersDlq, letterDeliveries, rollChanges, rollChangesDlq, sessionRevocations, pupilChanges);
    }
}
