package io.attendance.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.app.ConfigFile;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.pupil.PupilCalendar;
import io.attendance.core.pupil.PupilStats;
import io.attendance.streams.topology.MemoryRunner;
import io.attendance.contract.MarkKey;
import io.attendance.core.marks.MarkRules;
import io.attendance.streams.topology.StoreNames;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The what-if run: the product's own topology (the same {@link AttendanceTopology} the service runs)
 * driven with the data clock, single-threaded and in memory, so the same inputs always give the same
 * outputs. Each day in order: that day's marks (and amendments recorded that day) in the order they
 * were recorded, that day's actions at 17:00, every school's day end at 18:00 (UTC), then marks
 * recorded later that evening.
 */
public final class Replay {
    static final LocalTime ACTIONS_AT = LocalTime.of(17, 0);
    static final LocalTime DAY_END = LocalTime.of(18, 0);

    /** What a replay was given. {@code actions}, {@code contacts}, {@code policies} may be null. */
    public record Inputs(Path schools, Path marks, Path actions, Path contacts, Path policies) {
    }

    /** What it did: for the closing line and the tests. */
    public record Summary(long marks, long rejected, long days, long cases, long events, long letters, long millis) {
    }

    private Replay() {
    }

    public static Summary run(Inputs in, Path out, PrintStream progress) {
        long started = System.nanoTime();
        List<School> schools;
        try {
            schools = ConfigFile.schools(in.schools());
        } catch (IllegalArgumentException e) {
            throw new ReplayException(e.getMessage());
        }
        PolicyRegistry policies = in.policies() == null ? PolicyRegistry.shipped() : PolicyRegistry.shippedPlus(in.policies());
        Map<String, SchoolCalendar> calendars = new LinkedHashMap<>();
        Map<String, School> byUrn = new LinkedHashMap<>();
        for (School s : schools) {
            calendars.put(s.getUrn(), SchoolCalendar.of(s));
            byUrn.put(s.getUrn(), s);
        }
        ReplayOutputs outputs = ReplayOutputs.open(out);
        CodeTable codes = CodeTable.standard();
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Topics topics = new Topics(serdes);
        DaySpool marks = new DaySpool(topics.marks.valueSerde());
        try {
            return run(in, marks, schools, policies, calendars, byUrn, codes, serdes, topics, outputs, started, progress);
        } finally {
            marks.close();
        }
    }

    private static Summary run(Inputs in, DaySpool marks, List<School> schools, PolicyRegistry policies, Map<String, SchoolCalendar> calendars,
                               Map<String, School> byUrn, CodeTable codes, SingleObjectSerdes serdes, Topics topics, ReplayOutputs outputs,
                               long started, PrintStream progress) {
        long good = ReplayInput.marks(in.marks(), new MarkRules(codes), calendars::get, null, marks::add, outputs::reject);
        TreeMap<LocalDate, List<ReplayActions.Row>> actions = in.actions() == null ? new TreeMap<>()
                : ReplayActions.read(in.actions(), outputs::reject);
        Map<String, PupilContacts> contacts = in.contacts() == null ? Map.of() : ReplayContacts.read(in.contacts(), outputs::reject);
        if (marks.days().isEmpty() && actions.isEmpty()) throw new ReplayException(in.marks() + ": no good marks to replay");
        LocalDate first = min(marks.days(), actions.navigableKeySet()), last = max(marks.days(), actions.navigableKeySet());

        TopologySettings settings = new TopologySettings(codes, List.of(6, 10), 1, policies, WorkingDays.england(),
                TopologySettings.LIVE_TICK_QUIET);
        long days = 0, events = 0, letters = 0;
        ReplayLetters letterWriter = contacts.isEmpty() ? null : new ReplayLetters(in.policies(), contacts, byUrn, outputs);
        try {
            MemoryRunner runner = MemoryRunner.of(topics, serdes, settings);
            Serializer<String> keys = Serdes.String().serializer();
            for (School s : schools) runner.pipe(topics.schools.name(), keys, topics.schools.valueSerde().serializer(), s.getUrn(), s, 0L);
            KeyValueStore<String, CaseIndex> index = runner.store(StoreNames.CASE_INDEX);
            Serializer<RegisterMark> markWriter = topics.marks.valueSerde().serializer();
            Serializer<CaseAction> actionWriter = topics.caseActions.valueSerde().serializer();
            Serializer<ClockTick> tickWriter = topics.clock.valueSerde().serializer();
            Deserializer<CaseEvent> eventReader = topics.caseEvents.valueSerde().deserializer();
            long total = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                long dayEnd = d.atTime(DAY_END).toInstant(ZoneOffset.UTC).toEpochMilli();
                List<RegisterMark> today = new ArrayList<>(marks.take(d)); // what was replayed is not held any longer
                today.sort(Comparator.comparing(RegisterMark::getRecordedAt));
                int i = 0;
                for (; i < today.size() && today.get(i).getRecordedAt().toEpochMilli() < dayEnd; i++) {
                    pipe(runner, topics, markWriter, today.get(i));
                }
                for (ReplayActions.Row a : actions.getOrDefault(d, List.of())) {
                    CaseAction action = a.toAction(index, outputs::reject);
                    if (action != null) runner.pipe(topics.caseActions.name(), keys, actionWriter, action.getUpn(), action,
                            d.atTime(ACTIONS_AT).toInstant(ZoneOffset.UTC).toEpochMilli());
                }
                for (School s : schools) {
                    runner.pipe(topics.clock.name(), keys, tickWriter, s.getUrn() + "|" + d, new ClockTick(s.getUrn(), d, "replay"), dayEnd);
                }
                for (; i < today.size(); i++) pipe(runner, topics, markWriter, today.get(i));
                for (MemoryRunner.Output o : runner.take(topics.caseEvents.name())) {
                    CaseEvent e = eventReader.deserialize(topics.caseEvents.name(), o.value());
                    outputs.event(e);
                    events++;
                    if (letterWriter != null && e.getType() == io.attendance.schemas.CaseEventType.LETTER_REQUESTED) letters += letterWriter.write(e);
                }
                days++;
                if (progress != null) progress.printf("\rreplay: %d/%d days (%s), %d marks", days, total, d, good);
            }
            runner.advanceWallClock(TopologySettings.LIVE_TICK_QUIET.plusSeconds(1));
            for (MemoryRunner.Output o : runner.take(topics.caseEvents.name())) {
                outputs.event(eventReader.deserialize(topics.caseEvents.name(), o.value()));
                events++;
            }
            long cases = writeCases(runner.store(StoreNames.CASES), outputs);
            writePupils(runner.store(StoreNames.PUPILS), calendars, outputs);
            outputs.finish(schools);
            if (progress != null) progress.println();
            return new Summary(good, outputs.rejected(), days, cases, events, letters, (System.nanoTime() - started) / 1_000_000);
        } finally {
            outputs.close();
        }
    }

    private static void pipe(MemoryRunner runner, Topics topics, Serializer<RegisterMark> values, RegisterMark m) {
        runner.pipe(topics.marks.name(), Serdes.String().serializer(), values, MarkKey.of(m).format(), m, m.getRecordedAt().toEpochMilli());
    }

    private static long writeCases(KeyValueStore<String, CaseState> cases, ReplayOutputs outputs) {
        long n = 0;
        try (KeyValueIterator<String, CaseState> it = cases.all()) {
            List<CaseState> all = new ArrayList<>();
            while (it.hasNext()) all.add(it.next().value);
            all.sort(Comparator.comparing(CaseState::getCaseId));
            for (CaseState c : all) {
                outputs.caseRow(c);
                n++;
            }
        }
        return n;
    }

    private static void writePupils(KeyValueStore<String, PupilAttendance> pupils, Map<String, SchoolCalendar> calendars, ReplayOutputs outputs) {
        List<PupilAttendance> all = new ArrayList<>();
        try (KeyValueIterator<String, PupilAttendance> it = pupils.all()) {
            while (it.hasNext()) {
                KeyValue<String, PupilAttendance> kv = it.next();
                all.add(kv.value);
            }
        }
        all.sort(Comparator.comparing(PupilAttendance::getUpn));
        for (PupilAttendance p : all) {
            SchoolCalendar cal = PupilCalendar.of(p, p.getUrn(), calendars::get);
            outputs.pupilRow(PupilStats.of(p, cal == null ? SchoolCalendar.NONE : cal, List.of(6, 10)));
        }
    }

    private static LocalDate min(java.util.NavigableSet<LocalDate> a, java.util.NavigableSet<LocalDate> b) {
        if (a.isEmpty()) return b.first();
        if (b.isEmpty()) return a.first();
        return a.first().isBefore(b.first()) ? a.first() : b.first();
    }

    private static LocalDate max(java.util.NavigableSet<LocalDate> a, java.util.NavigableSet<LocalDate> b) {
        if (a.isEmpty()) return b.last();
        if (b.isEmpty()) return a.last();
        return a.last().isAfter(b.last()) ? a.last() : b.last();
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }
}
