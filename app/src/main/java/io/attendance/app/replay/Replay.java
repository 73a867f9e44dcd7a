package io.attendance.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.app.ConfigFile;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.courtpack.CourtPacks;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.pupil.PupilCalendar;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.marks.MarkRules;
import io.attendance.streams.topology.StoreNames;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;

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
 * The what-if run: the product's own topology (the same wiring, {@code AttendanceTopology.wire}, the
 * service runs) driven with the data clock in memory, one task per partition of the pupils as in the
 * service ({@link ReplayPartitions}), so the same inputs always give the same outputs. Each day in order:
 * that day's marks (and amendments recorded that day) in the order they were recorded, that day's
 * actions at 17:00, every school's day end at 18:00 (UTC), then marks recorded later that evening. The
 * events each day writes are listed by date, case and the case's own sequence, whatever the partitions.
 */
public final class Replay {
    static final LocalTime ACTIONS_AT = LocalTime.of(17, 0);
    static final LocalTime DAY_END = LocalTime.of(18, 0);

    /**
     * What a replay was given. {@code actions}, {@code contacts}, {@code policies} may be null; {@code stateDir}
     * null keeps the stores on the heap, else they go on disk there (RocksDB) for the length of the replay.
     */
    public record Inputs(Path schools, Path marks, Path actions, Path contacts, Path policies, int partitions, Path stateDir) {
        /** With the service's default partitioning (6), stores on the heap: a replay partitions its pupils as the service does. */
        public Inputs(Path schools, Path marks, Path actions, Path contacts, Path policies) {
            this(schools, marks, actions, contacts, policies, DEFAULT_PARTITIONS, null);
        }

        public Inputs {
            if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1");
        }
    }

    /** As the service's ATTENDANCE_PARTITIONS default. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** What it did: for the closing line and the tests. */
    public record Summary(long marks, long rejected, long days, long cases, long events, long letters, long courtPacks, long millis) {
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
        try (DaySpool marks = new DaySpool(topics.marks.valueSerde(), topics.marks.name())) {
            return replay(in, marks, schools, policies, calendars, byUrn, codes, serdes, topics, outputs, new ReplayCourtPacks(out), started, progress);
        }
    }

    private static Summary replay(Inputs in, DaySpool marks, List<School> schools, PolicyRegistry policies, Map<String, SchoolCalendar> calendars,
                                  Map<String, School> byUrn, CodeTable codes, SingleObjectSerdes serdes, Topics topics, ReplayOutputs outputs,
                                  ReplayCourtPacks packs, long started, PrintStream progress) {
        long good = ReplayInput.marks(in.marks(), new MarkRules(codes), calendars::get, null, marks::add, outputs::reject);
        TreeMap<LocalDate, List<ReplayActions.Row>> actions = in.actions() == null ? new TreeMap<>()
                : ReplayActions.read(in.actions(), outputs::reject);
        Map<String, PupilContacts> contacts = in.contacts() == null ? Map.of() : ReplayContacts.read(in.contacts(), outputs::reject);
        if (marks.days().isEmpty() && actions.isEmpty()) throw new ReplayException(in.marks() + ": no good marks to replay");
        LocalDate first = min(marks.days(), actions.navigableKeySet()), last = max(marks.days(), actions.navigableKeySet());

        TopologySettings settings = new TopologySettings(codes, List.of(6, 10), in.partitions(), policies, WorkingDays.england(),
                TopologySettings.LIVE_TICK_QUIET);
        long days = 0, events = 0, letters = 0;
        ReplayLetters letterWriter = contacts.isEmpty() ? null : new ReplayLetters(in.policies(), contacts, byUrn, outputs, packs);
        try (ReplayPartitions partitions = new ReplayPartitions(topics, serdes, settings, Runtime.getRuntime().availableProcessors(), in.stateDir())) {
            partitions.schools(schools);
            long total = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                long dayEnd = d.atTime(DAY_END).toInstant(ZoneOffset.UTC).toEpochMilli();
                List<DaySpool.Mark> today = new ArrayList<>(marks.take(d)); // what was replayed is not held any longer
                today.sort(Comparator.comparingLong(DaySpool.Mark::recordedAt));
                int split = 0;
                while (split < today.size() && today.get(split).recordedAt() < dayEnd) split++;
                List<CaseEvent> written = new ArrayList<>(partitions.marks(today.subList(0, split)));
                List<CaseAction> acts = new ArrayList<>();
                for (ReplayActions.Row a : actions.getOrDefault(d, List.of())) {
                    CaseAction action = a.toAction(partitions::caseIndex, outputs::reject); // the cases as the day's marks left them
                    if (action != null) acts.add(action);
                }
                List<ClockTick> ends = new ArrayList<>();
                for (School s : schools) ends.add(new ClockTick(s.getUrn(), d, "replay"));
                written.addAll(partitions.evening(acts, d.atTime(ACTIONS_AT).toInstant(ZoneOffset.UTC).toEpochMilli(), ends, dayEnd,
                        today.subList(split, today.size())));
                written.sort(ReplayPartitions.CANONICAL);
                for (CaseEvent e : written) {
                    outputs.event(e);
                    events++;
                    if (letterWriter != null && e.getType() == io.attendance.schemas.CaseEventType.LETTER_REQUESTED) letters += letterWriter.write(e);
                }
                days++;
                if (progress != null) progress.printf("\rreplay: %d/%d days (%s), %d marks", days, total, d, good);
            }
            for (CaseEvent e : partitions.finish()) {
                outputs.event(e);
                events++;
            }
            // In id and UPN order, merged from the partitions as they are read: never all held at once.
            // A case at its court pack's stage gets its pack as the service would give it on the replay's last day.
            long cases = partitions.<CaseState>forEachInKeyOrder(StoreNames.CASES, c -> {
                outputs.caseRow(c);
                packs.writeIfDue(c, policies, byUrn.get(c.getUrn()), calendars.get(c.getUrn()), codes, contacts.get(c.getUpn()),
                        upn -> CourtPacks.counted(partitions.register(upn), partitions.pupil(upn), c.getUrn()), last);
            });
            partitions.<PupilAttendance>forEachInKeyOrder(StoreNames.PUPILS, p -> {
                SchoolCalendar cal = PupilCalendar.of(p, p.getUrn(), calendars::get);
                outputs.pupilRow(PupilStats.of(p, cal == null ? SchoolCalendar.NONE : cal, List.of(6, 10)));
            });
            outputs.finish(schools);
            if (progress != null) progress.println();
            return new Summary(good, outputs.rejected(), days, cases, events, letters, packs.written(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            outputs.close();
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
