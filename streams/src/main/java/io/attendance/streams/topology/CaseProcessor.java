package io.attendance.streams.topology;

import io.attendance.core.TopologySettings;


import io.attendance.contract.Topics;

import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseDeadline;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.cases.CaseEngine;
import io.attendance.core.cases.CaseKeys;
import io.attendance.core.cases.CaseListings;
import io.attendance.core.cases.OpenByHand;
import io.attendance.streams.cases.MarksAsOf;
import io.attendance.streams.cases.PupilCaseEnv;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.Condition;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.policy.Trigger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The case engine on the stream. A clock tick for a school (end of its day) fires the deadlines
 * due that day, then, on a school day, runs every pupil's open cases' watch rules and opens a case
 * where a policy's trigger starts to hold. A case action records a person's decision or opens a
 * case by hand. Runs in the same task as the counting, so it reads the pupil's live figures.
 * <p>
 * A tick is held until input recorded after it arrives (a mark or an action with a later record
 * time), then applied before that input: the topics of a task can be read in any interleaving,
 * yet a day's end always sees exactly the marks recorded before it. Live, the last tick of a day
 * applies after {@link TopologySettings#tickQuiet()} of silence instead (in a replay it waits for
 * the next input, so how fast each topic was fetched can never change a case).
 * <p>
 * Kafka Streams reads a task's partitions in record-time order only as far as it knows what each
 * holds: a clock partition whose fetch stalls (its leader lost, a slow broker) can be read after
 * marks recorded later. A day end read after such input is judged on the register as it stood at
 * its own time ({@link MarksAsOf}: the standing marks and their history), not on the week counters
 * that already hold the later recordings; the processor keeps (in {@code clock-seen}) a bound on the
 * latest input it applied, so it knows which day ends that is, across restarts too.
 */
final class CaseProcessor implements Processor<Object, Object, Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);
    static final String TO_EVENTS = "case-events-sink";
    static final String TO_CLOCK_DLQ = "clock-dlq-sink";
    static final String TO_ACTIONS_DLQ = "case-actions-dlq-sink";

    private final TopologySettings settings;
    private final PolicyRegistry policies;
    private final Topics topics;
    private final Deserializer<ClockTick> tickReader;
    private final Deserializer<CaseAction> actionReader;
    private final Deserializer<School> schoolReader;

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, CaseState> cases;
    private KeyValueStore<String, CaseIndex> index;
    private KeyValueStore<String, io.attendance.schemas.CaseListing> listings;
    /** Whether this task's listings were checked against its cases (a store added after cases existed is filled once). */
    private boolean listingsChecked;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, Long> clockSeen;
    private KeyValueStore<String, String> actionLog;
    private KeyValueStore<String, PupilAttendance> pupils;
    private KeyValueStore<String, MarkCell> cells;
    private KeyValueStore<String, MarkCell> history;
    private KeyValueStore<String, String> schoolPupils;
    private SchoolCalendars schools;
    private KeyValueStore<String, ClockTick> pending;
    private long lastInputWallMs;
    /** The latest record time of input applied by this task (marks, actions): in memory, rebuilt by the next input. */
    private long inputTime = Long.MIN_VALUE;
    /** The earliest held tick's record time, or Long.MAX_VALUE: most marks then cost one comparison. */
    private long earliestPending = Long.MAX_VALUE;
    /**
     * No input applied by this task was recorded after this (the latest input's record time, rounded up to the
     * minute so the store is written at most once a minute of record time); kept in clock-seen under
     * {@link #APPLIED_KEY}. A day end recorded before it is read late: input recorded after it is already counted.
     */
    private long appliedBound = Long.MIN_VALUE;
    /** clock-seen's key for {@link #appliedBound} (no URN starts with '~'). */
    static final String APPLIED_KEY = "~input-recorded-by";
    /** The day end being applied is judged on the register as it stood at its time (null: as it stands). */
    private MarksAsOf judgedAsOf;

    CaseProcessor(TopologySettings settings, Topics topics, Deserializer<School> schoolReader) {
        this.settings = settings;
        this.policies = settings.policies();
        this.topics = topics;
        this.tickReader = topics.clock.valueSerde().deserializer();
        this.actionReader = topics.caseActions.valueSerde().deserializer();
        this.schoolReader = schoolReader;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        cases = context.getStateStore(StoreNames.CASES);
        index = context.getStateStore(StoreNames.CASE_INDEX);
        listings = context.getStateStore(StoreNames.CASE_LISTINGS);
        listingsChecked = false;
        deadlines = context.getStateStore(StoreNames.CASE_DEADLINES);
        clockSeen = context.getStateStore(StoreNames.CLOCK_SEEN);
        actionLog = context.getStateStore(StoreNames.CASE_ACTION_LOG);
        pupils = context.getStateStore(StoreNames.PUPILS);
        cells = context.getStateStore(StoreNames.PUPIL_MARKS);
        history = context.getStateStore(StoreNames.MARK_HISTORY);
        schoolPupils = context.getStateStore(StoreNames.SCHOOL_PUPILS);
        ReadOnlyKeyValueStore<String, byte[]> global = context.getStateStore(StoreNames.SCHOOLS);
        schools = new SchoolCalendars(global::get, schoolReader);
        pending = context.getStateStore(StoreNames.CLOCK_PENDING);
        try (KeyValueIterator<String, ClockTick> it = pending.all()) {
            if (it.hasNext()) earliestPending = Long.parseLong(it.next().key.substring(0, 13));
        }
        Long bound = clockSeen.get(APPLIED_KEY);
        appliedBound = bound == null ? Long.MIN_VALUE : bound;
        lastInputWallMs = context.currentSystemTimeMs();
        java.time.Duration quiet = settings.tickQuiet();
        if (quiet != null) {
            context.schedule(quiet, org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, now -> {
                if (now - lastInputWallMs >= quiet.toMillis()) applyPendingBefore(Long.MAX_VALUE);
            });
        }
    }

    @Override
    public void process(Record<Object, Object> in) {
        lastInputWallMs = context.currentSystemTimeMs();
        if (!listingsChecked) fillListings();
        if (in.value() instanceof MarksAdvanced m) {
            inputReached(m.timestamp());
            return;
        }
        if (in.value() instanceof PupilMoved m) {
            inputReached(in.timestamp());
            moved(m, in.timestamp());
            return;
        }
        @SuppressWarnings("unchecked")
        Record<byte[], byte[]> record = (Record<byte[], byte[]>) (Record<?, ?>) in;
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(topics.clock.name());
        boolean isClock = topic.equals(topics.clock.name());
        String sink = isClock ? TO_CLOCK_DLQ : TO_ACTIONS_DLQ;
        if (record.value() == null) {
            deadLetter(record, "value is missing", sink);
            return;
        }
        try {
            if (isClock) {
                ClockTick tick = tickReader.deserialize(topic, record.value());
                pending.put(String.format("%013d|%s|%s", record.timestamp(), tick.getUrn(), tick.getDate()), tick);
                earliestPending = Math.min(earliestPending, record.timestamp());
                // Input already past this day's end: apply it now. (After a restart inputTime starts low and the
                // tick waits for the next input instead; nothing else is applied in between, so the result is the same.)
                if (inputTime > record.timestamp()) applyPendingBefore(inputTime);
            } else {
                CaseAction action = actionReader.deserialize(topic, record.value());
                inputReached(record.timestamp());
                act(action, record, record.timestamp());
            }
        } catch (SerializationException e) {
            deadLetter(record, "value: " + e.getMessage(), sink);
        }
    }

    /** Input recorded at {@code ts} is about to be applied: every day that ended before it ends first. */
    private void inputReached(long ts) {
        if (ts > inputTime) inputTime = ts;
        if (earliestPending < ts) applyPendingBefore(ts);
        if (ts > appliedBound) {
            appliedBound = Math.floorDiv(ts, 60_000L) * 60_000L + (Math.floorMod(ts, 60_000L) == 0 ? 0 : 60_000L);
            clockSeen.put(APPLIED_KEY, appliedBound);
        }
    }

    private void applyPendingBefore(long ts) {
        if (earliestPending >= ts) return;
        List<KeyValue<String, ClockTick>> due = new ArrayList<>();
        try (KeyValueIterator<String, ClockTick> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, ClockTick> kv = it.next();
                if (Long.parseLong(kv.key.substring(0, 13)) >= ts) break;
                due.add(kv);
            }
        }
        for (KeyValue<String, ClockTick> kv : due) {
            pending.delete(kv.key);
            tick(kv.value, Long.parseLong(kv.key.substring(0, 13)));
        }
        earliestPending = Long.MAX_VALUE;
        try (KeyValueIterator<String, ClockTick> it = pending.all()) {
            if (it.hasNext()) earliestPending = Long.parseLong(it.next().key.substring(0, 13));
        }
    }

    // ---- clock ----------------------------------------------------------------------------

    private void tick(ClockTick tick, long ts) {
        String urn = tick.getUrn();
        LocalDate today = tick.getDate();
        Long seen = clockSeen.get(urn);
        if (seen != null && seen >= today.toEpochDay()) return; // a repeated or late tick changes nothing
        if (settings.goLive() != null && today.isBefore(settings.goLive())) {
            clockSeen.put(urn, today.toEpochDay()); // history before going live: counted, but decides nothing
            return;
        }
        // Read after input recorded later (see the class comment): judged on the register as it stood at its time.
        judgedAsOf = appliedBound > ts ? new MarksAsOf(cells, history, java.time.Instant.ofEpochMilli(ts)) : null;
        if (judgedAsOf != null) {
            log.info("day end {} of school {} read after input recorded up to {}: judged on the register as it stood at {}",
                    today, urn, java.time.Instant.ofEpochMilli(appliedBound), java.time.Instant.ofEpochMilli(ts));
        }
        try {
            fireDeadlines(urn, today, ts);
            SchoolCalendar calendar = schools.get(urn);
            if (calendar != null && calendar.isSchoolDay(today)) endOfSchoolDay(urn, today, ts);
        } finally {
            judgedAsOf = null;
        }
        clockSeen.put(urn, today.toEpochDay());
    }

    private void fireDeadlines(String urn, LocalDate today, long ts) {
        List<String> dueKeys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range(urn + "|", urn + "|" + day(today) + "|~")) {
            while (it.hasNext()) dueKeys.add(it.next().key);
        }
        for (String key : dueKeys) {
            deadlines.delete(key);
            String[] p = key.split("\\|", 5);
            CaseState c = load(p[2]);
            if (c == null) continue;
            CaseDeadline d = new CaseDeadline(p[4], LocalDate.ofEpochDay(Long.parseLong(p[1])), p[3].equals("T"));
            Policy policy = policyOf(c);
            List<CaseEvent> out = new ArrayList<>();
            List<CaseDeadline> before = List.copyOf(c.getDeadlines());
            CaseEngine.due(c, policy, d, today, env(c.getUpn(), urn), out);
            save(c, before, out, ts);
        }
    }

    private void endOfSchoolDay(String urn, LocalDate today, long ts) {
        School school = schools.school(urn);
        List<String> upns = new ArrayList<>();
        try (KeyValueIterator<String, String> it = schoolPupils.prefixScan(urn + "|", org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) upns.add(it.next().key.substring(urn.length() + 1));
        }
        List<Policy> applicable = applicable(school, today);
        CaseState notYetOpen = notYetOpen(today);
        // The schools' calendars read once for the whole pass (not twice a pupil from the global store): every
        // pupil of the day end is judged on the same version of them.
        Map<String, SchoolCalendar> calendars = new HashMap<>();
        Function<String, SchoolCalendar> calendar = u -> calendars.computeIfAbsent(u, schools::get);
        for (String upn : upns) {
            PupilCaseEnv env = env(upn, school, calendar);
            for (Policy current : applicable) {
                var pupilFacts = CaseEngine.facts(notYetOpen, today, env, current);
                String indexKey = CaseKeys.indexKey(upn, urn, current.family());
                CaseIndex idx = index.get(indexKey);
                if (idx != null && idx.getOpenCase() != null) {
                    CaseState c = load(idx.getOpenCase());
                    if (c == null) continue;
                    List<CaseEvent> out = new ArrayList<>();
                    List<CaseDeadline> before = List.copyOf(c.getDeadlines());
                    CaseEngine.watch(c, policyOf(c), today, env, out);
                    save(c, before, out, ts);
                    continue;
                }
                Trigger t = null;
                Condition.Facts seen = null; // the figures the trigger that fired saw
                for (Trigger candidate : current.triggers()) {
                    Condition.Facts facts = candidate.countsAfter() == null ? pupilFacts
                            : CaseEngine.facts(notYetOpen, today, env, current, countsAfter(idx, candidate.countsAfter()));
                    if (candidate.when().test(facts)) {
                        t = candidate;
                        seen = facts;
                        break;
                    }
                }
                boolean breaching = t != null;
                boolean wasBreaching = idx != null && idx.getBreaching();
                if (breaching && !wasBreaching) {
                    int widest = t.when().widestSchoolWeeks();
                    List<LocalDate> weeks = env.calendar().schoolWeeksEndingWith(today, Math.max(widest, 1));
                    LocalDate periodStart = widest == 0 ? today : weeks.get(weeks.size() - 1);
                    // the figures the trigger saw are kept with the opening: a later amendment changes what
                    // the case sees from then on, never the record of why it opened
                    open(upn, urn, current, today, t.stage(), periodStart,
                            "trigger: " + t.when().describe() + " (" + t.when().explain(seen) + ")", null, ts);
                } else if (idx == null || idx.getBreaching() != breaching) {
                    CaseIndex next = idx == null ? new CaseIndex(null, null, 0, breaching) : idx;
                    next.setBreaching(breaching);
                    index.put(indexKey, next);
                }
            }
        }
    }

    /**
     * For a trigger that counts only new absence: the day after {@code action} was last recorded on the
     * pupil's previous case of this procedure (still standing: not withdrawn), or after that case closed
     * when it never was; null with no previous case.
     */
    private LocalDate countsAfter(CaseIndex idx, String action) {
        if (idx == null || idx.getLastCase() == null) return null;
        CaseState last = load(idx.getLastCase());
        if (last == null) return null;
        Policy p = policyOf(last);
        LocalDate latest = null;
        java.util.Set<String> values = new java.util.HashSet<>();
        String per = p.actions().get(action) == null || p.actions().get(action).limit() == null ? null : p.actions().get(action).limit().per();
        for (CaseEvent e : last.getHistory()) {
            if (e.getType() == io.attendance.schemas.CaseEventType.ACTION_RECORDED && action.equals(e.getAction())) {
                values.add(per == null ? "" : String.valueOf(e.getFields().get(per)));
            }
        }
        for (String v : values) {
            List<LocalDate> standing = per == null ? List.of() : io.attendance.core.cases.ActionCheck.recordedHere(last, p, action, per, v);
            for (LocalDate d : standing) if (latest == null || d.isAfter(latest)) latest = d;
        }
        LocalDate from = latest != null ? latest : last.getClosedOn();
        return from == null ? null : from.plusDays(1);
    }

    /** The policies a school's pupils run under on a day: the school's own, and every-school frameworks. */
    private List<Policy> applicable(School school, LocalDate today) {
        Map<String, Policy> byFamily = new LinkedHashMap<>();
        if (school != null) policies.resolve(school.getPolicy(), today).ifPresent(p -> byFamily.put(p.family(), p));
        for (Policy p : policies.everySchool(today)) byFamily.putIfAbsent(p.family(), p);
        return List.copyOf(byFamily.values());
    }

    /**
     * Stands in for the case a trigger may open: the policy loader lets triggers read only the
     * pupil's figures (N school weeks, year to date), never a case's dates or fields.
     */
    private static CaseState notYetOpen(LocalDate today) {
        return CaseState.newBuilder().setCaseId("").setUpn("").setUrn("").setFamily("").setPolicy("")
                .setPolicyVersion(0).setStatus(CaseEngine.OPEN).setStage("").setStageEnteredOn(today).setOpenedOn(today)
                .setPeriodStart(today).setEventSeq(0).setFields(Map.of()).setHistory(List.of()).setTasks(List.of())
                .setLetters(List.of()).setDeadlines(List.of()).build();
    }

    private String open(String upn, String urn, Policy policy, LocalDate date, String stage, LocalDate periodStart,
                        String detail, String actionId, long ts) {
        String indexKey = CaseKeys.indexKey(upn, urn, policy.family());
        CaseIndex idx = index.get(indexKey);
        if (idx == null) idx = new CaseIndex(null, null, 0, false);
        int n = idx.getCount() + 1;
        String caseId = CaseKeys.caseId(upn, urn, policy.family(), n);
        List<CaseEvent> out = new ArrayList<>();
        CaseState c = CaseEngine.open(caseId, policy, upn, urn, date, stage, periodStart, idx.getLastCase(), detail,
                actionId, env(upn, urn), out);
        idx.setCount(n);
        idx.setOpenCase(caseId);
        idx.setLastCase(caseId);
        idx.setBreaching(true);
        index.put(indexKey, idx);
        save(c, List.of(), out, ts);
        return caseId;
    }

    // ---- actions --------------------------------------------------------------------------

    private void act(CaseAction a, Record<byte[], byte[]> record, long ts) {
        if (CaseEngine.OPEN.equals(a.getAction()) && a.getCaseId() == null) {
            openByHand(a, record, ts);
            return;
        }
        CaseState c = a.getCaseId() == null ? null : load(a.getCaseId());
        if (c == null || !c.getUpn().equals(a.getUpn())) {
            deadLetter(record, "case '" + a.getCaseId() + "' is not a case of this pupil", TO_ACTIONS_DLQ);
            return;
        }
        Policy policy = policyOf(c);
        List<CaseEvent> out = new ArrayList<>();
        List<CaseDeadline> before = List.copyOf(c.getDeadlines());
        PupilCaseEnv env = env(c.getUpn(), c.getUrn());
        ActionSpec spec = policy.actions().get(a.getAction());
        List<LocalDate> withdrawable = null; // for a withdrawal: what it can take back, before it does
        if (spec != null && spec.withdraws() != null) {
            String per = policy.actions().get(spec.withdraws()).limit().per();
            withdrawable = io.attendance.core.cases.ActionCheck.recordedHere(c, policy, spec.withdraws(), per, a.getFields().get(per));
        }
        CaseEngine.act(c, policy, a.getActionId(), a.getAction(), a.getDate(), a.getFields(), a.getRecordedBy(), env, out);
        boolean recorded = out.stream().anyMatch(e -> e.getType() == io.attendance.schemas.CaseEventType.ACTION_RECORDED);
        if (recorded && spec != null && spec.limit() != null) {
            String key = PupilCaseEnv.actionLogKey(c.getUpn(), a.getAction(), a.getFields().get(spec.limit().per()));
            String was = actionLog.get(key);
            actionLog.put(key, was == null || was.isEmpty() ? a.getDate().toString() : was + "," + a.getDate());
        }
        if (recorded && withdrawable != null && !withdrawable.isEmpty()) {
            // The withdrawn one (this case's latest for the same value) no longer counts towards the limit.
            ActionSpec withdrawn = policy.actions().get(spec.withdraws());
            String key = PupilCaseEnv.actionLogKey(c.getUpn(), spec.withdraws(), a.getFields().get(withdrawn.limit().per()));
            String was = actionLog.get(key);
            if (was != null) {
                List<String> dates = new ArrayList<>(List.of(was.split(",")));
                dates.remove(withdrawable.get(withdrawable.size() - 1).toString());
                actionLog.put(key, String.join(",", dates));
            }
        }
        save(c, before, out, ts);
    }

    private void openByHand(CaseAction a, Record<byte[], byte[]> record, long ts) {
        String urn = a.getUrn();
        School school = urn == null ? null : schools.school(urn);
        if (school == null) {
            deadLetter(record, "urn: school '" + urn + "' is not known", TO_ACTIONS_DLQ);
            return;
        }
        OpenByHand.Decision decision = OpenByHand.check(school, a.getPolicy(), a.getDate(), policies,
                family -> index.get(CaseKeys.indexKey(a.getUpn(), urn, family)));
        if (!decision.allowed()) {
            deadLetter(record, decision.refusal().message(), TO_ACTIONS_DLQ);
            return;
        }
        Policy policy = decision.policy();
        String note = a.getFields().getOrDefault("note", "");
        open(a.getUpn(), urn, policy, a.getDate(), policy.manualOpen().stage(), a.getDate(),
                "opened by hand" + (note.isEmpty() ? "" : ": " + note), a.getActionId(), ts);
    }

    // ---- shared ---------------------------------------------------------------------------

    /** Cases kept before the listings store existed get their listing, once (an upgrade); with listings already there, nothing. */
    private void fillListings() {
        listingsChecked = true;
        try (KeyValueIterator<String, io.attendance.schemas.CaseListing> it = listings.all()) {
            if (it.hasNext()) return;
        }
        List<CaseState> all = new ArrayList<>();
        try (KeyValueIterator<String, CaseState> it = cases.all()) {
            while (it.hasNext()) all.add(it.next().value);
        }
        for (CaseState c : all) listings.put(CaseListings.key(c.getUrn(), c.getCaseId()), CaseListings.of(c));
        if (!all.isEmpty()) log.info("listed {} cases kept before the case listings", all.size());
    }

    private CaseState load(String caseId) {
        CaseState c = cases.get(caseId);
        return c == null ? null : CaseEngine.editable(c);
    }

    private Policy policyOf(CaseState c) {
        return policies.byId(c.getPolicy()).orElseThrow(() -> new IllegalStateException(
                "case " + c.getCaseId() + " runs under policy " + c.getPolicy() + ", which is no longer loaded: "
                        + "a policy version must stay loaded while any case runs under it"));
    }

    private PupilCaseEnv env(String upn, String urn) {
        return env(upn, schools.school(urn), schools::get);
    }

    private PupilCaseEnv env(String upn, School school, Function<String, SchoolCalendar> calendars) {
        return new PupilCaseEnv(upn, school, calendars, settings.workingDays(), settings.codes(), pupils, cells, actionLog, judgedAsOf);
    }

    /**
     * The LA confirmed a move: each case open at the old school follows its procedure's onMove rule —
     * transferred to the new school (its timers and index entry move with it) in a stage the LA runs,
     * or closed with the procedure's code. A procedure without the rule leaves its case as it was.
     */
    private void moved(PupilMoved m, long ts) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, CaseIndex> it = index.prefixScan(m.upn() + '|' + m.from() + '|',
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.value.getOpenCase() != null) keys.add(kv.key);
            }
        }
        for (String key : keys) {
            CaseIndex idx = index.get(key);
            CaseState c = load(idx.getOpenCase());
            if (c == null) continue;
            Policy policy = policyOf(c);
            if (policy.onMove() == null) continue;
            List<CaseEvent> out = new ArrayList<>();
            List<CaseDeadline> before = List.copyOf(c.getDeadlines());
            String why = "the pupil moved to school " + m.to() + " from " + m.date() + " (confirmed by " + m.recordedBy() + ")";
            String newKey = m.upn() + '|' + m.to() + '|' + c.getFamily();
            CaseIndex there = index.get(newKey);
            boolean transfer = policy.onMove().transfers(c.getStage()) && (there == null || there.getOpenCase() == null);
            if (!transfer) {
                CaseEngine.closeOnMove(c, policy, policy.onMove().close(), m.date(), why, out);
                if (c.getClosureCode() == null) continue; // transfers only, and the new school has its own open case
                save(c, before, out, ts);
                continue;
            }
            for (CaseDeadline d : before) deadlines.delete(deadlineKey(c, d));
            listings.delete(CaseListings.key(c.getUrn(), c.getCaseId())); // listed at the new school on saving
            c.setUrn(m.to());
            CaseEngine.transferred(c, m.date(), why + "; the case continues there", out);
            for (CaseDeadline d : c.getDeadlines()) deadlines.put(deadlineKey(c, d), d.getDue().toString());
            idx.setOpenCase(null);
            index.put(key, idx);
            CaseIndex moved = there == null ? new CaseIndex(null, null, 0, true) : there;
            moved.setOpenCase(c.getCaseId());
            moved.setLastCase(c.getCaseId());
            moved.setBreaching(true);
            index.put(newKey, moved);
            save(c, c.getDeadlines(), out, ts);
        }
    }

    /** Stores the case, moves its timers in the deadline index, closes its index entry, publishes its events. */
    private void save(CaseState c, List<CaseDeadline> before, List<CaseEvent> out, long ts) {
        if (out.isEmpty()) return;
        Set<CaseDeadline> now = new HashSet<>(c.getDeadlines());
        for (CaseDeadline d : before) if (!now.contains(d)) deadlines.delete(deadlineKey(c, d));
        Set<CaseDeadline> was = new HashSet<>(before);
        for (CaseDeadline d : c.getDeadlines()) if (!was.contains(d)) deadlines.put(deadlineKey(c, d), d.getDue().toString());
        if (CaseEngine.CLOSED.equals(c.getStatus())) {
            String key = c.getUpn() + '|' + c.getUrn() + '|' + c.getFamily();
            CaseIndex idx = index.get(key);
            if (idx != null && c.getCaseId().equals(idx.getOpenCase())) {
                idx.setOpenCase(null);
                // A trigger counting only new absence starts a fresh count: met again, it opens again.
                if (policyOf(c).triggers().stream().anyMatch(t -> t.countsAfter() != null)) idx.setBreaching(false);
                index.put(key, idx);
            }
        }
        cases.put(c.getCaseId(), c);
        if (!listingsChecked) fillListings(); // before the first listing is written, or a store added late would look filled
        listings.put(CaseListings.key(c.getUrn(), c.getCaseId()), CaseListings.of(c));
        for (CaseEvent e : out) context.forward(new Record<Object, Object>(e.getUpn(), e, ts), TO_EVENTS);
        log.debug("case {}: {} event(s)", c.getCaseId().hashCode(), out.size());
    }

    static String deadlineKey(CaseState c, CaseDeadline d) {
        return c.getUrn() + '|' + day(d.getDue()) + '|' + c.getCaseId() + '|' + (d.getTask() ? "T" : "D") + '|' + d.getName();
    }

    private static String day(LocalDate d) {
        return String.format("%07d", d.toEpochDay());
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, String sink) {
        context.forward((Record<Object, Object>) (Record<?, ?>) record.withHeaders(DeadLetterHeaders.of(record.headers(), reason, context)), sink);
    }
}
