package io.attendance.streams.topology;

import io.attendance.core.TopologySettings;

import io.attendance.contract.MarkKey;
import io.attendance.contract.PupilPartitioner;
import io.attendance.core.marks.FieldError;
import io.attendance.core.pupil.Roll;

import io.attendance.core.marks.MarkRules;

import io.attendance.schemas.AttendanceSignal;
import io.attendance.schemas.FlagChange;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.WeekCounters;
import io.attendance.core.codes.CodeTable;
import io.attendance.schemas.MarkCell;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.SessionCounts;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies each mark to its pupil's counts (two small store reads and writes per mark), keeps the
 * school's "as of" date, and emits a signal only when a flag is raised or cleared.
 */
final class MarkProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String TO_SIGNALS = "signals-sink";
    static final String TO_DLQ = "marks-dlq-sink";
    static final String TO_REROUTE = "marks-reroute-sink";
    static final String TO_CASES = "case-processor";

    private final TopologySettings settings;
    private final String marksTopic;
    private final Deserializer<RegisterMark> markReader;
    private final MarkRules rules;
    private final CodeTable codes;

    private ProcessorContext<Object, Object> context;
    private PupilChanges changes;
    private KeyValueStore<String, PupilAttendance> pupils;
    private KeyValueStore<String, MarkCell> marks;
    private KeyValueStore<String, MarkCell> history;
    private KeyValueStore<String, String> schoolPupils;
    private KeyValueStore<String, Long> schoolAsOf;
    private SchoolCalendars calendars;

    private final Deserializer<School> schoolReader;

    MarkProcessor(TopologySettings settings, String marksTopic, Deserializer<RegisterMark> marks, Deserializer<School> schoolReader) {
        this.schoolReader = schoolReader;
        this.settings = settings;
        this.marksTopic = marksTopic;
        this.markReader = marks;
        this.rules = new MarkRules(settings.codes());
        this.codes = settings.codes();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.changes = new PupilChanges(context);
        this.pupils = context.getStateStore(StoreNames.PUPILS);
        this.marks = context.getStateStore(StoreNames.PUPIL_MARKS);
        this.history = context.getStateStore(StoreNames.MARK_HISTORY);
        this.schoolPupils = context.getStateStore(StoreNames.SCHOOL_PUPILS);
        this.schoolAsOf = context.getStateStore(StoreNames.SCHOOL_AS_OF);
        ReadOnlyKeyValueStore<String, byte[]> schools = context.getStateStore(StoreNames.SCHOOLS);
        this.calendars = new SchoolCalendars(schools::get, schoolReader);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // Days that ended before this mark was recorded are closed first, whatever order the topics were read in.
        context.forward(new Record<Object, Object>(null, new MarksAdvanced(record.timestamp()), record.timestamp()), TO_CASES);
        if (record.key() == null) {
            deadLetter(record, "key is missing: marks are keyed urn|upn|date|session");
            return;
        }
        MarkKey key;
        try {
            key = MarkKey.parse(new String(record.key(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            deadLetter(record, "key: " + e.getMessage());
            return;
        }
        Optional<RecordMetadata> meta = context.recordMetadata();
        if (meta.isPresent() && meta.get().topic().equals(marksTopic)
                && meta.get().partition() != PupilPartitioner.partitionOf(key.upn(), settings.pupilPartitions())) {
            // Produced without the pupil partitioner: move it to the pupil's partition, then count it there.
            context.forward(record, TO_REROUTE);
            return;
        }
        if (record.value() == null) {
            retract(key, record.timestamp());
            return;
        }
        RegisterMark mark;
        try {
            mark = markReader.deserialize(marksTopic, record.value());
        } catch (SerializationException e) {
            deadLetter(record, "value: " + e.getMessage());
            return;
        }
        if (!MarkKey.of(mark).equals(key)) {
            deadLetter(record, "key does not match the mark's urn, upn, date and session");
            return;
        }
        List<FieldError> errors = rules.check(mark.getUpn(), mark.getUrn(), mark.getDate(), mark.getCode(), calendars::get);
        if (!errors.isEmpty()) {
            deadLetter(record, errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
            return;
        }
        String cellKey = key.cellKey();
        MarkCell standing = marks.get(cellKey);
        if (standing != null) {
            int newer = mark.getRecordedAt().compareTo(standing.getRecordedAt());
            if (standing.getCode().equals(mark.getCode())) {
                // The same code sent again is no amendment: the session stands from its first recording (a day
                // end read late judges the register as it stood at its time, see MarksAsOf). Counts unchanged.
                if (newer < 0) marks.put(cellKey, new MarkCell(mark.getCode(), mark.getRecordedAt(), mark.getSource()));
                return;
            }
            // An older recording of a session already amended: nothing changes, but it is kept as what the
            // register once said.
            if (newer < 0) {
                history.put(historyKey(cellKey, mark.getRecordedAt()), new MarkCell(mark.getCode(), mark.getRecordedAt(), mark.getSource()));
                return;
            }
            history.put(historyKey(cellKey, standing.getRecordedAt()), standing);
        }
        PupilAttendance state = pupils.get(mark.getUpn());
        String urnBefore = state == null ? null : state.getUrn();
        if (state == null) state = newPupil(mark.getUpn(), mark.getUrn(), mark.getDate());
        // A mark never moves the pupil: who holds them changes only by the roll (see Roll). A school the
        // pupil is not confirmed on roll at has its session recorded, but it counts in no figure.
        io.attendance.core.pupil.Roll.markFrom(state, mark.getUrn(), mark.getDate());
        boolean counts = io.attendance.core.pupil.Roll.counted(state, mark.getUrn());
        WeekCounters counters = WeekCounters.decode(state.getWeeks());
        if (counts) {
            // The standing cell is this school's (the cell key holds the school): it was counted with it.
            if (standing != null) counters.add(key.date(), codes.categoryOf(standing.getCode()), -1);
            counters.add(key.date(), codes.categoryOf(mark.getCode()), +1);
            if (!mark.getDate().isBefore(state.getLatestDate())) state.setLatestDate(mark.getDate());
        }
        marks.put(cellKey, new MarkCell(mark.getCode(), mark.getRecordedAt(), mark.getSource()));
        long schoolDay = advanceSchoolAsOf(mark.getUrn(), mark.getDate());
        settle(state, counters, urnBefore, record.timestamp(), state.getUrn().equals(mark.getUrn()) ? schoolDay : null);
    }

    /** A replaced recording's key: the cell's key and when it was recorded, so a pupil's history reads in date order. */
    static String historyKey(String cellKey, java.time.Instant recordedAt) {
        return cellKey + '|' + String.format("%013d", recordedAt.toEpochMilli());
    }

    private static PupilAttendance newPupil(String upn, String urn, LocalDate date) {
        return PupilAttendance.newBuilder().setUpn(upn).setUrn(urn).setLatestDate(date).setAsOf(date)
                .setWeeks(WeekCounters.empty().encode()).setFlags(new ArrayList<>())
                .setRoll(io.attendance.core.pupil.Roll.firstMark(urn, date)).build();
    }

    private void retract(MarkKey key, long timestamp) {
        MarkCell standing = marks.get(key.cellKey());
        PupilAttendance state = pupils.get(key.upn());
        if (standing == null || state == null) return;
        marks.delete(key.cellKey());
        history.put(historyKey(key.cellKey(), standing.getRecordedAt()), standing); // what the register said before it was withdrawn
        // and when it was withdrawn (a marker with no code), so the register can be read as it stood before then
        java.time.Instant withdrawnAt = java.time.Instant.ofEpochMilli(Math.max(timestamp, standing.getRecordedAt().toEpochMilli() + 1));
        history.put(historyKey(key.cellKey(), withdrawnAt), new MarkCell(io.attendance.streams.cases.MarksAsOf.WITHDRAWN, withdrawnAt, "withdrawn"));
        WeekCounters counters = WeekCounters.decode(state.getWeeks());
        if (io.attendance.core.pupil.Roll.counted(state, key.urn())) counters.add(key.date(), codes.categoryOf(standing.getCode()), -1);
        settle(state, counters, state.getUrn(), timestamp, null);
    }

    /**
     * After a change: re-date, re-evaluate flags, signal the differences, store.
     *
     * @param schoolAsOfDay the pupil's school's as-of (epoch day) when the caller has just read it, else null
     */
    private void settle(PupilAttendance state, WeekCounters counters, String urnBefore, long timestamp, Long schoolAsOfDay) {
        String upn = state.getUpn();
        if (counters.isEmpty()) {
            emitChanges(state, EnumSet.noneOf(Flag.class), SessionCounts.ZERO, SessionCounts.ZERO, timestamp);
            pupils.delete(upn);
            if (urnBefore != null) schoolPupils.delete(urnBefore + '|' + upn);
            return;
        }
        String urn = state.getUrn();
        Long known = schoolAsOfDay != null ? schoolAsOfDay : schoolAsOf.get(urn);
        LocalDate latest = state.getLatestDate();
        LocalDate asOf = known == null || LocalDate.ofEpochDay(known).isBefore(latest) ? latest : LocalDate.ofEpochDay(known);
        state.setAsOf(asOf);
        counters.prune(asOf);

        SchoolCalendar calendar = io.attendance.core.pupil.PupilCalendar.of(state, urn, calendars::get);
        PupilStats.Thresholds t = PupilStats.thresholds(counters, calendar == null ? SchoolCalendar.NONE : calendar, asOf);
        Set<Flag> before = PupilStats.storedFlags(state);
        Set<Flag> now = t.flags();
        emitChanges(state, now, t.yearToDate(), t.penaltyWindow(), timestamp);
        state.setWeeks(counters.encode());

        pupils.put(upn, state);
        changes.changed(upn, urn);
        if (urnBefore != null && !urnBefore.equals(urn)) schoolPupils.delete(urnBefore + '|' + upn);
        if (urnBefore == null || !urnBefore.equals(urn) || !before.equals(now)) {
            schoolPupils.put(urn + '|' + upn, Flag.join(now));
        }
    }

    private void emitChanges(PupilAttendance state, Set<Flag> now, SessionCounts ytd, SessionCounts penalty, long timestamp) {
        Set<Flag> before = PupilStats.storedFlags(state);
        if (before.equals(now)) return;
        for (Flag f : Flag.values()) {
            boolean was = before.contains(f), is = now.contains(f);
            if (was == is) continue;
            SessionCounts c = f == Flag.PENALTY_NOTICE_ELIGIBLE ? penalty : ytd;
            long seq = state.getSignalSeq() + 1;
            state.setSignalSeq(seq);
            AttendanceSignal signal = AttendanceSignal.newBuilder()
                    .setSignalId(state.getUpn() + "-" + seq)
                    .setUpn(state.getUpn()).setUrn(state.getUrn()).setFlag(f.name())
                    .setChange(is ? FlagChange.RAISED : FlagChange.CLEARED)
                    .setAsOf(state.getAsOf())
                    .setPossible(c.possible()).setAttended(c.attended())
                    .setAuthorised(c.authorised()).setUnauthorised(c.unauthorised())
                    .setWindow(f == Flag.PENALTY_NOTICE_ELIGIBLE
                            ? Flag.PENALTY_WINDOW_SCHOOL_WEEKS + " school weeks" : "YTD")
                    .build();
            context.forward(new Record<Object, Object>(state.getUpn(), signal, timestamp), TO_SIGNALS);
        }
        List<String> names = new ArrayList<>();
        now.forEach(f -> names.add(f.name()));
        state.setFlags(names);
    }

    /** Moves the school's as-of forward to this mark's date if it is later; returns the as-of (epoch day). */
    private long advanceSchoolAsOf(String urn, LocalDate date) {
        Long known = schoolAsOf.get(urn);
        if (known == null || known < date.toEpochDay()) {
            known = date.toEpochDay();
            schoolAsOf.put(urn, known);
        }
        return known;
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        context.forward(record.withHeaders(DeadLetterHeaders.of(record.headers(), reason, context)), TO_DLQ);
    }
}
