package io.attendance.api.cases;

import io.attendance.api.ApiError;
import io.attendance.contract.Publisher;
import io.attendance.api.query.InstanceRouter;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Letter;
import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.core.cases.ActionCheck;
import io.attendance.core.cases.CaseEngine;
import io.attendance.streams.cases.PupilCaseEnv;
import io.attendance.core.cases.Refusal;
import io.attendance.core.policy.Policy;
import io.attendance.streams.topology.StoreNames;
import io.attendance.streams.topology.TopologySettings;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Cases read from and written for this instance's partitions: the controller has already routed
 * the request to the instance that owns the pupil.
 */
public final class CaseService {
    private final InstanceRouter router;
    private final SchoolDirectory schools;
    private final TopologySettings settings;
    private final Publisher publisher;
    private final Duration visibleWithin;

    public CaseService(InstanceRouter router, SchoolDirectory schools, TopologySettings settings, Publisher publisher,
                       Duration visibleWithin) {
        this.router = router;
        this.schools = schools;
        this.settings = settings;
        this.publisher = publisher;
        this.visibleWithin = visibleWithin;
    }

    public record Filter(String urn, String upn, String status, String stage, Boolean overdue) implements Predicate<CaseState> {
        @Override
        public boolean test(CaseState c) {
            return (urn == null || urn.equals(c.getUrn())) && (upn == null || upn.equals(c.getUpn()))
                    && (status == null || status.equals(c.getStatus())) && (stage == null || stage.equals(c.getStage()))
                    && (overdue == null || overdue == CaseJson.overdue(c));
        }
    }

    /** The case id starts with the pupil's UPN (13 characters): that is how a request finds its owner. */
    public static String upnOf(String caseId) {
        if (caseId.length() < 15 || caseId.charAt(13) != '-') throw new ApiError(404, "no case " + caseId);
        return caseId.substring(0, 13);
    }

    public List<Map<String, Object>> localCases(Filter filter, Integer partition) {
        ReadOnlyKeyValueStore<String, CaseState> store = router.localStore(StoreNames.CASES, partition);
        List<Map<String, Object>> out = new ArrayList<>();
        String prefix = filter.upn() == null ? null : filter.upn() + "-";
        try (var it = prefix == null ? store.all() : store.prefixScan(prefix, org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                CaseState c = it.next().value;
                if (filter.test(c)) out.add(CaseJson.summary(c));
            }
        }
        return out;
    }

    public Optional<Map<String, Object>> localCase(String caseId, int partition) {
        CaseState c = this.<CaseState>store(StoreNames.CASES, partition).get(caseId);
        if (c == null) return Optional.empty();
        Map<String, Object> m = CaseJson.detail(c, settings.policies().byId(c.getPolicy()).orElse(null));
        List<Map<String, Object>> sent = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Letter> letters = store(StoreNames.CASE_LETTERS, partition);
        try (var it = letters.prefixScan(caseId + "|", org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) sent.add(CaseJson.letter(it.next().value));
        }
        m.put("lettersSent", sent);
        return Optional.of(m);
    }

    /**
     * Open tasks (not done) of this instance's open cases in scope: overdue ones (their deadline's
     * tick has passed) and those due within 7 days of the school's own today (its last clock tick).
     */
    public List<Map<String, Object>> localTasks(Predicate<String> urnInScope) {
        ReadOnlyKeyValueStore<String, CaseState> store = router.localStore(StoreNames.CASES, null);
        List<Map<String, Object>> out = new ArrayList<>();
        try (var it = store.all()) {
            while (it.hasNext()) {
                CaseState c = it.next().value;
                if (!CaseEngine.OPEN.equals(c.getStatus()) || !urnInScope.test(c.getUrn())) continue;
                // The school's today as the case's own partition has seen it: the same ticks that moved the case.
                int partition = io.attendance.contract.PupilPartitioner.partitionOf(c.getUpn(), settings.pupilPartitions());
                Long tick = this.<Long>store(StoreNames.CLOCK_SEEN, partition).get(c.getUrn());
                LocalDate today = tick == null ? null : LocalDate.ofEpochDay(tick);
                for (io.attendance.schemas.CaseTask t : c.getTasks()) {
                    if (t.getDone()) continue;
                    boolean overdue = t.getMissed();
                    boolean dueThisWeek = !overdue && t.getDue() != null && today != null && !t.getDue().isAfter(today.plusDays(7));
                    if (!overdue && !dueThisWeek) continue;
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("caseId", c.getCaseId());
                    m.put("upn", c.getUpn());
                    m.put("urn", c.getUrn());
                    m.put("policy", c.getPolicy());
                    m.put("stage", c.getStage());
                    m.put("task", t.getName());
                    m.put("due", t.getDue() == null ? null : t.getDue().toString());
                    m.put("overdue", overdue);
                    m.put("schoolToday", today == null ? null : today.toString());
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The school of a case held here (for scope checks before anything else is read). */
    public Optional<String> urnOf(String caseId, int partition) {
        CaseState c = this.<CaseState>store(StoreNames.CASES, partition).get(caseId);
        return c == null ? Optional.empty() : Optional.of(c.getUrn());
    }

    /**
     * Whether a school's staff may still act on, or read the letters of, a case of this pupil: only
     * while the school holds them on roll (main or dual). After a confirmed move the old school's
     * cases stay readable there, but actions and letters (which carry the family's current address)
     * are the new school's and the LA's.
     */
    public boolean schoolStillHolds(io.attendance.api.auth.Principal who, String upn, int partition) {
        if (who.urn() == null) return true;
        PupilAttendance p = this.<PupilAttendance>store(StoreNames.PUPILS, partition).get(upn);
        return p != null && io.attendance.core.pupil.Roll.seenBy(p).contains(who.urn());
    }

    /** The school a pupil's marks are counted at, if this instance holds the pupil. */
    public Optional<String> pupilUrn(String upn, int partition) {
        PupilAttendance p = this.<PupilAttendance>store(StoreNames.PUPILS, partition).get(upn);
        return p == null ? Optional.empty() : Optional.of(p.getUrn());
    }

    /** The letter as produced, from the index kept beside its case: only its case's owner has it. */
    public Optional<Letter> localLetter(String letterId, int partition) {
        String caseId = caseIdOfLetter(letterId);
        return Optional.ofNullable(this.<Letter>store(StoreNames.CASE_LETTERS, partition)
                .get(io.attendance.streams.topology.LetterIndexProcessor.key(caseId, letterId)));
    }

    /** A letter id is the case event id ({@code caseId:sequence}) and the parent: {@code caseId:sequence:parentId}. */
    public static String caseIdOfLetter(String letterId) {
        int colon = letterId.indexOf(':');
        if (colon < 0) throw new ApiError(404, "no letter " + letterId);
        return letterId.substring(0, colon);
    }

    /** Checks the action against the case as it stands here, then publishes it. */
    public Map<String, Object> act(String caseId, int partition, String action, LocalDate date, Map<String, String> fields,
                                   String recordedBy) {
        CaseState c = this.<CaseState>store(StoreNames.CASES, partition).get(caseId);
        if (c == null) throw new ApiError(404, "no case " + caseId);
        Policy policy = settings.policies().byId(c.getPolicy())
                .orElseThrow(() -> new ApiError(409, "the case's policy " + c.getPolicy() + " is not loaded"));
        Optional<Refusal> refusal = ActionCheck.check(CaseEngine.editable(c), policy, action, date, fields, env(c.getUpn(), c.getUrn(), partition));
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            throw new RefusedException(r.status(), r.field(), r.message(), policy.actionsAllowedIn(c.getStage()));
        }
        String id = UUID.randomUUID().toString();
        publisher.publishCaseAction(CaseAction.newBuilder().setActionId(id).setUpn(c.getUpn()).setCaseId(caseId)
                .setAction(action).setDate(date).setFields(fields).setRecordedBy(recordedBy).build());
        return Map.of("actionId", id, "caseId", caseId);
    }

    /**
     * Opens a case by hand under the school's policy (or the one named) and waits for the engine to
     * give it its id. The date defaults to the school's own "today": its last clock tick.
     */
    public String open(String upn, int partition, String policyName, String note, LocalDate date, String recordedBy)
            throws InterruptedException {
        PupilAttendance pupil = this.<PupilAttendance>store(StoreNames.PUPILS, partition).get(upn);
        if (pupil == null) throw new ApiError(404, "no marks recorded for that pupil: a case needs the pupil's school");
        String urn = pupil.getUrn();
        School school = schools.school(urn);
        if (school == null) throw new ApiError(404, "the pupil's school " + urn + " is not known");
        if (date == null) {
            Long tick = this.<Long>store(StoreNames.CLOCK_SEEN, partition).get(urn);
            date = tick != null ? LocalDate.ofEpochDay(tick) : pupil.getAsOf();
        }
        String name = policyName != null ? policyName : school.getPolicy();
        LocalDate on = date;
        Policy policy = settings.policies().resolve(name, on)
                .orElseThrow(() -> new ApiError(400, "policy: '" + name + "' is not a known policy in force on " + on));
        if (policy.manualOpen() == null) throw new ApiError(409, "policy " + policy.id() + " does not allow opening a case by hand");
        String indexKey = upn + '|' + urn + '|' + policy.family();
        ReadOnlyKeyValueStore<String, CaseIndex> index = store(StoreNames.CASE_INDEX, partition);
        CaseIndex before = index.get(indexKey);
        if (before != null && before.getOpenCase() != null) {
            throw new ApiError(409, "a " + policy.family() + " case is already open for this pupil: " + before.getOpenCase());
        }
        int countBefore = before == null ? 0 : before.getCount();
        publisher.publishCaseAction(CaseAction.newBuilder().setActionId(UUID.randomUUID().toString()).setUpn(upn)
                .setUrn(urn).setPolicy(policy.id()).setAction(CaseEngine.OPEN).setDate(date)
                .setFields(Map.of("note", note == null ? "" : note)).setRecordedBy(recordedBy).build());
        long deadline = System.nanoTime() + visibleWithin.toNanos();
        while (System.nanoTime() < deadline) {
            CaseIndex now = this.<CaseIndex>store(StoreNames.CASE_INDEX, partition).get(indexKey);
            // The engine writes the index before the case itself: answer once both are readable here,
            // so a GET that follows the 201 finds the case.
            if (now != null && now.getCount() > countBefore && now.getLastCase() != null
                    && this.<CaseState>store(StoreNames.CASES, partition).get(now.getLastCase()) != null) return now.getLastCase();
            Thread.sleep(20);
        }
        throw new ApiError(503, "the request to open a case was recorded but the case is not visible yet; list the pupil's cases shortly");
    }

    private PupilCaseEnv env(String upn, String urn, int partition) {
        return new PupilCaseEnv(upn, schools.school(urn), schools::calendar, settings.workingDays(), settings.codes(),
                store(StoreNames.PUPILS, partition), this.<MarkCell>store(StoreNames.PUPIL_MARKS, partition),
                store(StoreNames.CASE_ACTION_LOG, partition));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        return router.localStore(name, partition);
    }

    /** 409 or 400 with the allowed actions and the bad field named. */
    public static final class RefusedException extends RuntimeException {
        public final int status;
        public final String field;
        public final List<String> allowed;

        RefusedException(int status, String field, String message, List<String> allowed) {
            super(message);
            this.status = status;
            this.field = field;
            this.allowed = allowed;
        }
    }
}
