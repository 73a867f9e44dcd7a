package io.attendance.api.cases;

import io.attendance.api.ApiError;
import io.attendance.contract.Publisher;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Letter;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.core.cases.ActionCheck;
import io.attendance.core.cases.CaseEngine;
import io.attendance.core.cases.CaseKeys;
import io.attendance.core.cases.OpenByHand;
import io.attendance.core.cases.Refusal;
import io.attendance.core.policy.Policy;
import io.attendance.core.TopologySettings;

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
    private final AttendanceQueries queries;
    private final SchoolDirectory schools;
    private final TopologySettings settings;
    private final Publisher publisher;
    private final Duration visibleWithin;

    public CaseService(AttendanceQueries queries, SchoolDirectory schools, TopologySettings settings, Publisher publisher,
                       Duration visibleWithin) {
        this.queries = queries;
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

    /** The pupil of a case: how a request finds the case's owner. */
    public static String upnOf(String caseId) {
        return CaseKeys.upnOf(caseId).orElseThrow(() -> new ApiError(404, "no case " + caseId));
    }

    public List<Map<String, Object>> localCases(Filter filter, Integer partition) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseState c : queries.cases(filter.upn(), partition)) {
            if (filter.test(c)) out.add(CaseJson.summary(c));
        }
        return out;
    }

    public Optional<Map<String, Object>> localCase(String caseId, int partition) {
        CaseState c = queries.caseState(caseId, partition).orElse(null);
        if (c == null) return Optional.empty();
        Map<String, Object> m = CaseJson.detail(c, settings.policies().byId(c.getPolicy()).orElse(null));
        List<Map<String, Object>> sent = new ArrayList<>();
        for (Letter l : queries.letters(caseId, partition)) sent.add(CaseJson.letter(l));
        m.put("lettersSent", sent);
        return Optional.of(m);
    }

    /**
     * Open tasks (not done) of this instance's open cases in scope: overdue ones (their deadline's
     * tick has passed) and those due within 7 days of the school's own today (its last clock tick).
     */
    public List<Map<String, Object>> localTasks(Predicate<String> urnInScope) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseState c : queries.cases(null, null)) {
            if (!CaseEngine.OPEN.equals(c.getStatus()) || !urnInScope.test(c.getUrn())) continue;
            // The school's today as the case's own partition has seen it: the same ticks that moved the case.
            int partition = io.attendance.contract.PupilPartitioner.partitionOf(c.getUpn(), settings.pupilPartitions());
            LocalDate today = queries.schoolToday(c.getUrn(), partition).orElse(null);
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
        return out;
    }

    /** The school of a case held here (for scope checks before anything else is read). */
    public Optional<String> urnOf(String caseId, int partition) {
        return queries.caseState(caseId, partition).map(CaseState::getUrn);
    }

    /**
     * Whether a school's staff may still act on, or read the letters of, a case of this pupil: only
     * while the school holds them on roll (main or dual). After a confirmed move the old school's
     * cases stay readable there, but actions and letters (which carry the family's current address)
     * are the new school's and the LA's.
     */
    public boolean schoolStillHolds(io.attendance.api.auth.Principal who, String upn, int partition) {
        if (who.urn() == null) return true;
        return queries.pupil(upn, partition).map(p -> io.attendance.core.pupil.Roll.seenBy(p).contains(who.urn())).orElse(false);
    }

    /** The school a pupil's marks are counted at, if this instance holds the pupil. */
    public Optional<String> pupilUrn(String upn, int partition) {
        return queries.pupil(upn, partition).map(PupilAttendance::getUrn);
    }

    /** The letter as produced, from the index kept beside its case: only its case's owner has it. */
    public Optional<Letter> localLetter(String letterId, int partition) {
        return queries.letter(caseIdOfLetter(letterId), letterId, partition);
    }

    /** The case a letter id belongs to. */
    public static String caseIdOfLetter(String letterId) {
        return CaseKeys.caseIdOfLetter(letterId).orElseThrow(() -> new ApiError(404, "no letter " + letterId));
    }

    /** Checks the action against the case as it stands here, then publishes it. */
    public Map<String, Object> act(String caseId, int partition, String action, LocalDate date, Map<String, String> fields,
                                   String recordedBy) {
        CaseState c = queries.caseState(caseId, partition).orElseThrow(() -> new ApiError(404, "no case " + caseId));
        Policy policy = settings.policies().byId(c.getPolicy())
                .orElseThrow(() -> new ApiError(409, "the case's policy " + c.getPolicy() + " is not loaded"));
        Optional<Refusal> refusal = ActionCheck.check(CaseEngine.editable(c), policy, action, date, fields, queries.caseEnv(c.getUpn(), c.getUrn(), partition));
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
        PupilAttendance pupil = queries.pupil(upn, partition).orElse(null);
        if (pupil == null) throw new ApiError(404, "no marks recorded for that pupil: a case needs the pupil's school");
        String urn = pupil.getUrn();
        School school = schools.school(urn);
        if (school == null) throw new ApiError(404, "the pupil's school " + urn + " is not known");
        if (date == null) {
            date = queries.schoolToday(urn, partition).orElse(pupil.getAsOf());
        }
        LocalDate on = date;
        OpenByHand.Decision decision = OpenByHand.check(school, policyName, on, settings.policies(),
                family -> queries.caseIndex(upn, urn, family, partition).orElse(null));
        if (!decision.allowed()) throw new ApiError(decision.refusal().status(), decision.refusal().message());
        Policy policy = decision.policy();
        io.attendance.schemas.CaseIndex before = queries.caseIndex(upn, urn, policy.family(), partition).orElse(null);
        int countBefore = before == null ? 0 : before.getCount();
        publisher.publishCaseAction(CaseAction.newBuilder().setActionId(UUID.randomUUID().toString()).setUpn(upn)
                .setUrn(urn).setPolicy(policy.id()).setAction(CaseEngine.OPEN).setDate(date)
                .setFields(Map.of("note", note == null ? "" : note)).setRecordedBy(recordedBy).build());
        long deadline = System.nanoTime() + visibleWithin.toNanos();
        while (System.nanoTime() < deadline) {
            io.attendance.schemas.CaseIndex now = queries.caseIndex(upn, urn, policy.family(), partition).orElse(null);
            // The engine writes the index before the case itself: answer once both are readable here,
            // so a GET that follows the 201 finds the case.
            if (now != null && now.getCount() > countBefore && now.getLastCase() != null
                    && queries.caseState(now.getLastCase(), partition).isPresent()) return now.getLastCase();
            Thread.sleep(20);
        }
        throw new ApiError(503, "the request to open a case was recorded but the case is not visible yet; list the pupil's cases shortly");
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
