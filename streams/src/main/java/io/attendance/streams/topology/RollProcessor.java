package io.attendance.streams.topology;

import io.attendance.contract.MarkKey;

import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollChange;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.Roll;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * Applies the LA's roll changes (a confirmed move, a dual registration, its end) to the pupil the
 * mark processor keeps, in the same task, and moves the pupil between schools' lists on a move.
 * A change that cannot apply (unknown pupil, already there) goes to the dead-letter topic with why.
 */
final class RollProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String TO_DLQ = "roll-changes-dlq-sink";
    static final String TO_CASES = "case-processor";
    private final Deserializer<RollChange> reader;
    private final String topic;
    private final io.attendance.core.codes.CodeTable codes;
    private ProcessorContext<Object, Object> context;
    private PupilChanges changes;
    private KeyValueStore<String, PupilAttendance> pupils;
    private KeyValueStore<String, io.attendance.schemas.MarkCell> marks;
    private KeyValueStore<String, String> schoolPupils;

    RollProcessor(Deserializer<RollChange> reader, String topic, io.attendance.core.codes.CodeTable codes) {
        this.reader = reader;
        this.topic = topic;
        this.codes = codes;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.changes = new PupilChanges(context);
        this.pupils = context.getStateStore(StoreNames.PUPILS);
        this.marks = context.getStateStore(StoreNames.PUPIL_MARKS);
        this.schoolPupils = context.getStateStore(StoreNames.SCHOOL_PUPILS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RollChange change;
        try {
            change = reader.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            refuse(record, "value: not a RollChange record: " + e.getMessage());
            return;
        }
        if (change == null) {
            refuse(record, "value: missing");
            return;
        }
        PupilAttendance p = pupils.get(change.getUpn());
        if (p == null) {
            refuse(record, "upn: no marks recorded for that pupil: a roll change needs the pupil's record");
            return;
        }
        String mainBefore = p.getUrn();
        boolean countedBefore = Roll.counted(p, change.getUrn());
        Optional<String> refused = Roll.apply(p, change);
        if (refused.isPresent()) {
            refuse(record, change.getChange() + ": " + refused.get());
            return;
        }
        if (!countedBefore && Roll.counted(p, change.getUrn())) countRecordedSessions(p, change.getUrn());
        pupils.put(p.getUpn(), p);
        changes.changed(p.getUpn(), p.getUrn());
        if (!mainBefore.equals(p.getUrn())) {
            schoolPupils.delete(mainBefore + '|' + p.getUpn());
            schoolPupils.put(p.getUrn() + '|' + p.getUpn(), Flag.join(PupilStats.storedFlags(p)));
            // the pupil's open cases follow each procedure's rule for a move
            context.forward(new Record<Object, Object>(p.getUpn(), new PupilMoved(p.getUpn(), mainBefore, p.getUrn(), change.getDate(),
                    change.getRecordedBy()), record.timestamp()), TO_CASES);
        }
    }

    /** The sessions the school recorded while unconfirmed count from now on, as if counted when recorded. */
    private void countRecordedSessions(PupilAttendance p, String urn) {
        io.attendance.core.pupil.WeekCounters counters = io.attendance.core.pupil.WeekCounters.decode(p.getWeeks());
        try (var it = marks.prefixScan(p.getUpn() + "|", org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                MarkKey cell = MarkKey.ofCellKey(kv.key);
                if (!cell.urn().equals(urn)) continue;
                counters.add(cell.date(), codes.categoryOf(kv.value.getCode()), +1);
                if (cell.date().isAfter(p.getLatestDate())) p.setLatestDate(cell.date());
            }
        }
        p.setWeeks(counters.encode());
        // Figures are read up to the pupil's as-of date; flags follow at the pupil's next mark.
        if (p.getLatestDate().isAfter(p.getAsOf())) p.setAsOf(p.getLatestDate());
    }

    private void refuse(Record<byte[], byte[]> record, String reason) {
        context.forward(record.withHeaders(DeadLetterHeaders.of(record.headers(), reason, context)), TO_DLQ);
    }
}
