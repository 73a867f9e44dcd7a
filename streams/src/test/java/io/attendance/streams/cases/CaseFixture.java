package io.attendance.streams.cases;

import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.MarkKey;
import io.attendance.streams.topology.StoreNames;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Runs a school's days through the whole topology: each school day every enrolled pupil's marks
 * (present unless the scenario says otherwise), then the day's clock tick; actions are recorded
 * during their day, before its tick. Dates in the tests are worked out by hand from the calendar.
 */
final class CaseFixture implements AutoCloseable {
    final SingleObjectSerdes serdes = new SingleObjectSerdes();
    final Topics topics = new Topics(serdes);
    final TopologyTestDriver driver;
    private final TestInputTopic<String, RegisterMark> marks;
    private final TestInputTopic<String, ClockTick> clock;
    private final TestInputTopic<String, CaseAction> actions;
    private final TestOutputTopic<String, CaseEvent> eventsOut;
    private final TestOutputTopic<byte[], byte[]> actionsDlq;
    private TestOutputTopic<byte[], byte[]> marksDlq;
    private final School school;
    private final SchoolCalendar calendar;
    /** Other schools a pupil may move to, with their calendars (marks and ticks follow each school's own). */
    private final Map<String, SchoolCalendar> others = new LinkedHashMap<>();
    /** Per pupil, the school they are at from each date (moves confirmed by the LA). */
    private final Map<String, java.util.TreeMap<LocalDate, String>> schoolFrom = new HashMap<>();
    private TestInputTopic<String, io.attendance.schemas.RollChange> rollChanges;
    private TestInputTopic<String, School> schoolsIn;
    private final List<String> pupils = new ArrayList<>();
    private final Map<String, Map<LocalDate, String[]>> overrides = new HashMap<>();
    final List<CaseEvent> events = new ArrayList<>();
    private LocalDate lastTicked;
    /** Day ends written while the clock partition is not being read (see stallClock), in the order written. */
    private List<TestRecord<String, ClockTick>> stalledTicks;

    CaseFixture(School school, LocalDate firstDay) {
        this(school, firstDay, null);
    }

    /** @param goLive the first day whose day end decides anything (null: every day) */
    CaseFixture(School school, LocalDate firstDay, LocalDate goLive) {
        this.school = school;
        this.calendar = SchoolCalendar.of(school);
        this.lastTicked = firstDay.minusDays(1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "case-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Path.of("target", "ttd", UUID.randomUUID().toString()).toAbsolutePath().toString());
        driver = new TopologyTestDriver(AttendanceTopology.build(topics, serdes,
                new TopologySettings(CodeTable.standard(), List.of(6, 10), 1, io.attendance.core.policy.PolicyRegistry.shipped(),
                        io.attendance.core.calendar.WorkingDays.england(), TopologySettings.LIVE_TICK_QUIET, goLive)), props);
        marks = driver.createInputTopic(topics.marks.name(), Serdes.String().serializer(), topics.marks.valueSerde().serializer());
        clock = driver.createInputTopic(topics.clock.name(), Serdes.String().serializer(), topics.clock.valueSerde().serializer());
        actions = driver.createInputTopic(topics.caseActions.name(), Serdes.String().serializer(), topics.caseActions.valueSerde().serializer());
        eventsOut = driver.createOutputTopic(topics.caseEvents.name(), Serdes.String().deserializer(), topics.caseEvents.valueSerde().deserializer());
        actionsDlq = driver.createOutputTopic(topics.caseActionsDlq.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        schoolsIn = driver.createInputTopic(topics.schools.name(), Serdes.String().serializer(), topics.schools.valueSerde().serializer());
        schoolsIn.pipeInput(school.getUrn(), school);
        marksDlq = driver.createOutputTopic(topics.marksDlq.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        rollChanges = driver.createInputTopic(topics.rollChanges.name(), Serdes.String().serializer(), topics.rollChanges.valueSerde().serializer());
    }

    /** The school's record changed (e.g. a closure added after the day's registers). */
    void updateSchool(School changed) {
        schoolsIn.pipeInput(changed.getUrn(), changed);
    }

    /** Another school a pupil can move to. */
    void addSchool(School other) {
        others.put(other.getUrn(), SchoolCalendar.of(other));
        schoolsIn.pipeInput(other.getUrn(), other);
    }

    /** The LA confirms the pupil's move to {@code urn} from {@code date} (recorded during the day before). */
    void move(String upn, String urn, String date) {
        LocalDate from = LocalDate.parse(date);
        runTo(from.minusDays(1).toString());
        rollChanges.pipeInput(new TestRecord<>(upn, new io.attendance.schemas.RollChange(UUID.randomUUID().toString(), upn, urn, "move",
                from, "la-officer"), from.minusDays(1).atTime(19, 0).toInstant(ZoneOffset.UTC)));
        schoolFrom.computeIfAbsent(upn, k -> new java.util.TreeMap<>()).put(from, urn);
        drain();
    }

    private String schoolOf(String upn, LocalDate d) {
        var moves = schoolFrom.get(upn);
        var at = moves == null ? null : moves.floorEntry(d);
        return at == null ? school.getUrn() : at.getValue();
    }

    private SchoolCalendar calendarOf(String urn) {
        return urn.equals(school.getUrn()) ? calendar : others.get(urn);
    }

    void enrol(String upn) {
        pupils.add(upn);
    }

    /** Both sessions of every school day from..to (inclusive) marked {@code code} for the pupil. */
    void absent(String upn, String from, String to, String code) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            LocalDate day = d;
            if (calendar.isSchoolDay(d) || others.values().stream().anyMatch(c -> c.isSchoolDay(day))) sessions(upn, d.toString(), code, code);
        }
    }

    void sessions(String upn, String date, String am, String pm) {
        overrides.computeIfAbsent(upn, k -> new HashMap<>()).put(LocalDate.parse(date), new String[]{am, pm});
    }

    /** Runs every day up to and including {@code date}: marks, then the end-of-day tick. */
    void runTo(String date) {
        LocalDate to = LocalDate.parse(date);
        while (lastTicked.isBefore(to)) {
            LocalDate d = lastTicked.plusDays(1);
            for (String upn : pupils) {
                String urn = schoolOf(upn, d);
                if (!calendarOf(urn).isSchoolDay(d)) continue;
                String[] codes = overrides.getOrDefault(upn, Map.of()).getOrDefault(d, new String[]{"/", "\\"});
                // "-": no mark recorded for that session on the day (it may come late, by amend)
                if (!codes[0].equals("-")) mark(upn, urn, d, Session.AM, codes[0], 9);
                if (!codes[1].equals("-")) mark(upn, urn, d, Session.PM, codes[1], 13);
            }
            Instant endOfDay = d.atTime(18, 0).toInstant(ZoneOffset.UTC);
            tick(new TestRecord<>(school.getUrn() + "|" + d, new ClockTick(school.getUrn(), d, "data"), endOfDay));
            for (String urn : others.keySet()) tick(new TestRecord<>(urn + "|" + d, new ClockTick(urn, d, "data"), endOfDay));
            lastTicked = d;
        }
        // The last day's end waits for later input or a few quiet seconds (live mode's evening): let them pass.
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(6));
        drain();
    }

    private void tick(TestRecord<String, ClockTick> t) {
        if (stalledTicks != null) stalledTicks.add(t);
        else clock.pipeInput(t);
    }

    /**
     * From now the clock partition is not read (its leader lost, a slow fetch): day ends are written but
     * the task goes on reading marks and actions recorded after them, until {@link #clockResumes()}.
     */
    void clockStalls() {
        stalledTicks = new ArrayList<>();
    }

    /** The clock partition is read again: the day ends written meanwhile arrive after the later input. */
    void clockResumes() {
        List<TestRecord<String, ClockTick>> late = stalledTicks;
        stalledTicks = null;
        late.forEach(clock::pipeInput);
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(6));
        drain();
    }

    /** The school withdraws a session's mark (a tombstone), recorded now. */
    void withdraw(String upn, String date, Session session) {
        Instant at = lastTicked.plusDays(1).atTime(17, 0).toInstant(ZoneOffset.UTC);
        marks.pipeInput(new TestRecord<>(new MarkKey(schoolOf(upn, LocalDate.parse(date)), upn, LocalDate.parse(date), session).format(),
                (RegisterMark) null, at));
        drain();
    }

    /** Amends (or records late) a mark on a past day, recorded now. */
    void amend(String upn, String date, Session session, String code) {
        mark(upn, schoolOf(upn, LocalDate.parse(date)), LocalDate.parse(date), session, code, 17);
    }

    private void mark(String upn, String urn, LocalDate d, Session s, String code, int hour) {
        Instant at = lastTicked.plusDays(1).atTime(hour, 0).toInstant(ZoneOffset.UTC);
        RegisterMark m = new RegisterMark(upn, urn, d, s, code, at.plusSeconds(Math.abs(upn.hashCode() % 600)), "test");
        marks.pipeInput(new TestRecord<>(MarkKey.of(m).format(), m, at));
    }

    /** Records an action during {@code date} (every earlier day has ended first). */
    String act(String caseId, String action, String date, String... fieldPairs) {
        runTo(LocalDate.parse(date).minusDays(1).toString());
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldPairs.length; i += 2) fields.put(fieldPairs[i], fieldPairs[i + 1]);
        CaseState c = caseState(caseId);
        String id = UUID.randomUUID().toString();
        CaseAction a = CaseAction.newBuilder().setActionId(id).setUpn(c.getUpn()).setCaseId(caseId)
                .setAction(action).setDate(LocalDate.parse(date)).setFields(fields).setRecordedBy("officer").build();
        actions.pipeInput(new TestRecord<>(c.getUpn(), a, LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC)));
        drain();
        return id;
    }

    /** Replays an action exactly as given (same id): for idempotence tests. */
    void pipe(CaseAction a) {
        actions.pipeInput(new TestRecord<>(a.getUpn(), a, a.getDate().atTime(12, 0).toInstant(ZoneOffset.UTC)));
        drain();
    }

    void openByHand(String upn, String date, String policy, String note) {
        runTo(LocalDate.parse(date).minusDays(1).toString());
        CaseAction a = CaseAction.newBuilder().setActionId(UUID.randomUUID().toString()).setUpn(upn)
                .setUrn(school.getUrn()).setPolicy(policy).setAction("open").setDate(LocalDate.parse(date))
                .setFields(Map.of("note", note)).setRecordedBy("officer").build();
        actions.pipeInput(new TestRecord<>(upn, a, LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC)));
        drain();
    }

    int deadLetteredMarks() {
        return (int) marksDlq.getQueueSize();
    }

    int deadLetteredActions() {
        return (int) actionsDlq.getQueueSize();
    }

    private void drain() {
        events.addAll(eventsOut.readValuesToList());
    }

    CaseState caseState(String caseId) {
        CaseState c = driver.<String, CaseState>getKeyValueStore(StoreNames.CASES).get(caseId);
        if (c == null) throw new AssertionError("no case " + caseId + "; cases opened: " + openedCases());
        return c;
    }

    /** The pupil's register with each session's replaced recordings, as the API reads it for a court pack. */
    List<io.attendance.core.courtpack.RegisterEntry> register(String upn) {
        return io.attendance.streams.query.RegisterReader.entries(driver.getKeyValueStore(StoreNames.PUPIL_MARKS),
                driver.getKeyValueStore(StoreNames.MARK_HISTORY), upn);
    }

    io.attendance.schemas.PupilAttendance pupil(String upn) {
        return driver.<String, io.attendance.schemas.PupilAttendance>getKeyValueStore(StoreNames.PUPILS).get(upn);
    }

    School school() {
        return school;
    }

    SchoolCalendar calendar() {
        return calendar;
    }

    List<String> openedCases() {
        return events.stream().filter(e -> e.getType() == CaseEventType.OPENED).map(CaseEvent::getCaseId).toList();
    }

    List<CaseEvent> events(String caseId) {
        return events.stream().filter(e -> e.getCaseId().equals(caseId)).toList();
    }

    /** The case's events as "date TYPE what" lines, to compare with a hand-written history. */
    List<String> story(String caseId) {
        return events(caseId).stream().map(CaseFixture::line).toList();
    }

    static String line(CaseEvent e) {
        String what = switch (e.getType()) {
            case OPENED -> e.getStage();
            case STAGE_CHANGED -> e.getFromStage() + " -> " + e.getStage();
            case ACTION_RECORDED, ACTION_REFUSED -> e.getAction();
            case LETTER_REQUESTED -> e.getLetterId();
            case TASK_CREATED -> e.getTask() + (e.getDue() == null ? "" : " due " + e.getDue());
            case TASK_DONE -> e.getTask();
            case DEADLINE_REACHED -> e.getDetail();
            case DEADLINE_MISSED -> e.getTask();
            case CLOSED -> e.getClosureCode();
        };
        return e.getDate() + " " + e.getType() + " " + what;
    }

    @Override
    public void close() {
        driver.close();
    }
}
