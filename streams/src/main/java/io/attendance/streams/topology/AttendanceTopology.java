package io.attendance.streams.topology;

import io.attendance.core.TopologySettings;

import io.attendance.contract.PupilPartitioner;

import io.attendance.contract.Topics;

import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.contract.serde.RecordSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * marks (+ re-routed marks) ─► mark-processor ─► attendance-signals, marks.dlq
 * roll-changes ──────────────► roll-processor (the LA's confirmed moves; same pupil stores) ─► roll-changes.dlq
 *                               ▲ reads the global schools store (calendars)
 * contacts ─────────────────► contacts-index (the pupil's parents, for court packs)
 * access-audit ─────────────► access-log (who read the pupil's data) ─► access-audit.dlq
 * erasures ─────────────────► erasure (removes a pupil with no case from every pupil store) ─► erasures.dlq
 * clock, case-actions ────────► case-processor ─► case-events, clock.dlq, case-actions.dlq
 *                               ▲ reads the pupil stores the mark processor writes (same task)
 */
public final class AttendanceTopology {
    private AttendanceTopology() {
    }

    public static Topology build(Topics topics, RecordSerdes serdes, TopologySettings settings) {
        Topology t = new Topology();
        wire(new KafkaWiring(t), topics, serdes, settings);
        return t;
    }

    /** Adds every node, store and edge of the topology to {@code w}: the service's topology and a replay's runner alike. */
    static void wire(Wiring w, Topics topics, RecordSerdes serdes, TopologySettings settings) {
        // The global store holds the schools topic's bytes as written: read in the topics' format.
        Deserializer<School> schoolReader = topics.schools.valueSerde().deserializer();

        w.globalStore(StoreNames.SCHOOLS, "schools-source", topics.schools.name(), "schools-global-processor",
                () -> new SchoolsGlobalProcessor(schoolReader));

        w.source("marks-source", topics.marks.name());
        w.source("marks-rerouted-source", topics.marksRerouted.name());
        w.processor("mark-processor",
                () -> new MarkProcessor(settings, topics.marks.name(), topics.marks.valueSerde().deserializer(), schoolReader),
                "marks-source", "marks-rerouted-source");
        w.store(StoreNames.PUPILS, Serdes.String(), serdes.serde(PupilAttendance.class), "mark-processor");
        w.store(StoreNames.PUPIL_MARKS, Serdes.String(), serdes.serde(MarkCell.class), "mark-processor");
        w.store(StoreNames.MARK_HISTORY, Serdes.String(), serdes.serde(MarkCell.class), "mark-processor");
        w.store(StoreNames.SCHOOL_PUPILS, Serdes.String(), Serdes.String(), "mark-processor");
        w.store(StoreNames.SCHOOL_AS_OF, Serdes.String(), Serdes.Long(), "mark-processor");

        w.source("roll-changes-source", topics.rollChanges.name());
        w.processor("roll-processor", () -> new RollProcessor(topics.rollChanges.valueSerde().deserializer(), topics.rollChanges.name(),
                        settings.codes()),
                "roll-changes-source");
        w.connect("roll-processor", StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.SCHOOL_PUPILS);
        w.sink(RollProcessor.TO_DLQ, topics.rollChangesDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "roll-processor");

        w.source("clock-source", topics.clock.name());
        w.source("case-actions-source", topics.caseActions.name());
        w.processor("case-processor", () -> new CaseProcessor(settings, topics, schoolReader),
                "clock-source", "case-actions-source", "mark-processor", "roll-processor");
        w.connect("case-processor", StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.MARK_HISTORY, StoreNames.SCHOOL_PUPILS);
        w.store(StoreNames.CASES, Serdes.String(), serdes.serde(CaseState.class), "case-processor");
        w.store(StoreNames.CASE_INDEX, Serdes.String(), serdes.serde(CaseIndex.class), "case-processor");
        w.store(StoreNames.CASE_LISTINGS, Serdes.String(), serdes.serde(io.attendance.schemas.CaseListing.class), "case-processor");
        w.store(StoreNames.CASE_DEADLINES, Serdes.String(), Serdes.String(), "case-processor");
        w.store(StoreNames.CLOCK_SEEN, Serdes.String(), Serdes.Long(), "case-processor");
        w.store(StoreNames.CLOCK_PENDING, Serdes.String(), serdes.serde(io.attendance.schemas.ClockTick.class), "case-processor");
        w.store(StoreNames.CASE_ACTION_LOG, Serdes.String(), Serdes.String(), "case-processor");
        // Letters join the cases' task (the processor reads the cases store), so a case and its letters share an owner.
        w.source("letters-source", topics.letters.name());
        w.processor("letter-index", () -> new LetterIndexProcessor(topics.letters.valueSerde().deserializer(), topics.letters.name()),
                "letters-source");
        w.store(StoreNames.CASE_LETTERS, Serdes.String(), serdes.serde(io.attendance.schemas.Letter.class), "letter-index");
        w.connect("letter-index", StoreNames.CASES);
        w.sink(LetterIndexProcessor.TO_DLQ, topics.lettersDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "letter-index");
        // Contacts join the cases' task too (the processor is connected to the cases store), so a case's owner holds its parents.
        w.source("contacts-source", topics.contacts.name());
        w.processor("contacts-index", () -> new ContactsIndexProcessor(topics.contacts.valueSerde().deserializer(), topics.contacts.name()),
                "contacts-source");
        w.store(StoreNames.PUPIL_CONTACTS, Serdes.String(), serdes.serde(io.attendance.schemas.PupilContacts.class), "contacts-index");
        w.connect("contacts-index", StoreNames.CASES);
        // Who read a pupil's data joins the pupil's task (connected to the pupils store): the pupil's owner answers for it.
        w.source("access-audit-source", topics.accessAudit.name());
        w.processor("access-log", () -> new AccessLogProcessor(topics.accessAudit.valueSerde().deserializer(), topics.accessAudit.name()),
                "access-audit-source");
        w.store(StoreNames.ACCESS_LOG, Serdes.String(), serdes.serde(io.attendance.schemas.AccessEvent.class), "access-log");
        w.connect("access-log", StoreNames.PUPILS);
        w.sink(AccessLogProcessor.TO_DLQ, topics.accessAuditDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "access-log");
        // Erasure reaches every store of the pupil's task (connecting them keeps it in that task).
        w.source("erasures-source", topics.erasures.name());
        w.processor("erasure", () -> new ErasureProcessor(topics.erasures.valueSerde().deserializer(), topics.erasures.name()),
                "erasures-source");
        w.connect("erasure", StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.MARK_HISTORY, StoreNames.SCHOOL_PUPILS,
                StoreNames.PUPIL_CONTACTS, StoreNames.ACCESS_LOG, StoreNames.CASE_ACTION_LOG, StoreNames.CASE_INDEX, StoreNames.CASES);
        w.sink(ErasureProcessor.TO_DLQ, topics.erasuresDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "erasure");
        w.sink(ErasureProcessor.TO_CONTACTS, topics.contacts.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), pupilKey(), "erasure");
        w.sink(CaseProcessor.TO_EVENTS, topics.caseEvents.name(),
                topics.caseEvents.keySerde().serializer(), topics.caseEvents.valueSerde().serializer(), null, "case-processor");
        w.sink(CaseProcessor.TO_CLOCK_DLQ, topics.clockDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "case-processor");
        w.sink(CaseProcessor.TO_ACTIONS_DLQ, topics.caseActionsDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "case-processor");

        w.sink(PupilChanges.SINK, topics.pupilChanges.name(),
                topics.pupilChanges.keySerde().serializer(), topics.pupilChanges.valueSerde().serializer(), null, "mark-processor", "roll-processor");
        w.sink(MarkProcessor.TO_SIGNALS, topics.signals.name(),
                topics.signals.keySerde().serializer(), topics.signals.valueSerde().serializer(), null, "mark-processor");
        w.sink(MarkProcessor.TO_DLQ, topics.marksDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), null, "mark-processor");
        w.sink(MarkProcessor.TO_REROUTE, topics.marksRerouted.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), byUpn(), "mark-processor");
    }

    /** A record keyed by UPN, to the pupil's partition. */
    private static StreamPartitioner<byte[], byte[]> pupilKey() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(PupilPartitioner.partitionOf(new String(key, StandardCharsets.UTF_8), partitions)));
    }

    private static StreamPartitioner<byte[], byte[]> byUpn() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(PupilPartitioner.partitionOf(
                PupilPartitioner.upnOfMarkKey(new String(key, StandardCharsets.UTF_8)), partitions)));
    }
}
