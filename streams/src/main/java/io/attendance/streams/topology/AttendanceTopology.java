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
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * marks (+ re-routed marks) ─► mark-processor ─► attendance-signals, marks.dlq
 * roll-changes ──────────────► roll-processor (the LA's confirmed moves; same pupil stores) ─► roll-changes.dlq
 *                               ▲ reads the global schools store (calendars)
 * clock, case-actions ────────► case-processor ─► case-events, clock.dlq, case-actions.dlq
 *                               ▲ reads the pupil stores the mark processor writes (same task)
 */
public final class AttendanceTopology {
    private AttendanceTopology() {
    }

    public static Topology build(Topics topics, RecordSerdes serdes, TopologySettings settings) {
        Topology t = new Topology();
        Deserializer<School> schoolReader = serdes.serde(School.class).deserializer();

        t.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.SCHOOLS),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "schools-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.schools.name(), "schools-global-processor", () -> new SchoolsGlobalProcessor(schoolReader));

        t.addSource("marks-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.marks.name());
        t.addSource("marks-rerouted-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.marksRerouted.name());
        t.addProcessor("mark-processor",
                () -> new MarkProcessor(settings, topics.marks.name(), topics.marks.valueSerde().deserializer(), schoolReader),
                "marks-source", "marks-rerouted-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PUPILS),
                Serdes.String(), serdes.serde(PupilAttendance.class)), "mark-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PUPIL_MARKS),
                Serdes.String(), serdes.serde(MarkCell.class)), "mark-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCHOOL_PUPILS),
                Serdes.String(), Serdes.String()), "mark-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCHOOL_AS_OF),
                Serdes.String(), Serdes.Long()), "mark-processor");

        t.addSource("roll-changes-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.rollChanges.name());
        t.addProcessor("roll-processor", () -> new RollProcessor(topics.rollChanges.valueSerde().deserializer(), topics.rollChanges.name(),
                        settings.codes()),
                "roll-changes-source");
        t.connectProcessorAndStateStores("roll-processor", StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.SCHOOL_PUPILS);
        t.addSink(RollProcessor.TO_DLQ, topics.rollChangesDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "roll-processor");

        t.addSource("clock-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topics.clock.name());
        t.addSource("case-actions-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.caseActions.name());
        t.addProcessor("case-processor", () -> new CaseProcessor(settings, topics, schoolReader),
                "clock-source", "case-actions-source", "mark-processor", "roll-processor");
        t.connectProcessorAndStateStores("case-processor", StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.SCHOOL_PUPILS);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASES),
                Serdes.String(), serdes.serde(CaseState.class)), "case-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASE_INDEX),
                Serdes.String(), serdes.serde(CaseIndex.class)), "case-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASE_DEADLINES),
                Serdes.String(), Serdes.String()), "case-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CLOCK_SEEN),
                Serdes.String(), Serdes.Long()), "case-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CLOCK_PENDING),
                Serdes.String(), serdes.serde(io.attendance.schemas.ClockTick.class)), "case-processor");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASE_ACTION_LOG),
                Serdes.String(), Serdes.String()), "case-processor");
        // Letters join the cases' task (the processor reads the cases store), so a case and its letters share an owner.
        t.addSource("letters-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topics.letters.name());
        t.addProcessor("letter-index", () -> new LetterIndexProcessor(topics.letters.valueSerde().deserializer(), topics.letters.name()),
                "letters-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASE_LETTERS),
                Serdes.String(), topics.letters.valueSerde()), "letter-index");
        t.connectProcessorAndStateStores("letter-index", StoreNames.CASES);
        t.addSink(LetterIndexProcessor.TO_DLQ, topics.lettersDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "letter-index");
        t.addSink(CaseProcessor.TO_EVENTS, topics.caseEvents.name(),
                topics.caseEvents.keySerde().serializer(), topics.caseEvents.valueSerde().serializer(), "case-processor");
        t.addSink(CaseProcessor.TO_CLOCK_DLQ, topics.clockDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "case-processor");
        t.addSink(CaseProcessor.TO_ACTIONS_DLQ, topics.caseActionsDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "case-processor");

        t.addSink(PupilChanges.SINK, topics.pupilChanges.name(),
                topics.pupilChanges.keySerde().serializer(), topics.pupilChanges.valueSerde().serializer(), "mark-processor", "roll-processor");
        t.addSink(MarkProcessor.TO_SIGNALS, topics.signals.name(),
                topics.signals.keySerde().serializer(), topics.signals.valueSerde().serializer(), "mark-processor");
        t.addSink(MarkProcessor.TO_DLQ, topics.marksDlq.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "mark-processor");
        t.addSink(MarkProcessor.TO_REROUTE, topics.marksRerouted.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), byUpn(), "mark-processor");
        return t;
    }

    private static StreamPartitioner<byte[], byte[]> byUpn() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(PupilPartitioner.partitionOf(
                PupilPartitioner.upnOfMarkKey(new String(key, StandardCharsets.UTF_8)), partitions)));
    }
}
