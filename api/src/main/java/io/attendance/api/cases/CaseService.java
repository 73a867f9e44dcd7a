package io.attendance.api.cases;

import io.attendance.api.ActionRefused;
import io.attendance.api.ApiError;
import io.attendance.api.pupils.PupilService;
import io.attendance.api.query.Caller;
import io.attendance.api.query.InstanceRouter;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Cases for the API and the pages alike: one case, or one pupil's, is read where the pupil's
 * partition is (here, or asked of its owner); lists and the work queue are gathered from every
 * instance; actions are checked against the case as its owner holds it, then published.
 */
public final class CaseService {
    private final InstanceRouter router;
    private final AttendanceQueries queries;
    private final PupilService pupils;
    private final SchoolDirectory schools;
    private final TopologySettings settings;
    private final Publisher publisher;
    private final Duration visibleWithin;

    public CaseService(InstanceRouter router, AttendanceQueries queries, PupilService pupils, SchoolDirectory schools,
                       TopologySettings settings, Publisher publisher, Duration visibleWithin) {
        this.router = router;
        this.queries = queries;
        this.pupils = pupils;
        this.schools = schools;
        this.settings = settings;
        this.publisher = publisher;
        this.visibleWithin = visibleWithin;
    }

    public record Filter(String urn, String upn, String status, String stage, Boolean overdue)
            implements Predicate<io.attendance.schemas.CaseListing> {
        @Override
        public boolean test(io.attendance.schemas.CaseListing c) {
            return (urn == null || urn.equals(c.getUrn())) && (upn == null || upn.equals(c.getUpn()))
                    && (status == null || status.equals(c.getStatus())) && (stage == null || stage.equals(c.getStage()))
                    && (overdue == null || overdue == CaseSummary.overdue(c));
        }

        /** The same filter as a query string, for the instances asked. */
        String query() {
            StringBuilder q = new StringBuilder();
            java.util.function.BiConsumer<String, Object> add = (k, v) -> {
                if (v != null) q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(enc(v.toString()));
            };
            add.accept("urn", urn);
            add.accept("upn", upn);
            add.accept("status", status);
            add.accept("stage", stage);
            add.accept("overdue", overdue);
            return q.toString();
        }
    }

    /** The pupil of a case: how a request finds the case's owner. */
    /** The case a URL's reference names (404 for one this deployment did not issue). */
    public String caseIdOf(String ref) {
        return router.caseId(ref);
    }

    public static String upnOf(String caseId) {
        return CaseKeys.upnOf(caseId).orElseThrow(() -> new ApiError(404, "no such case"));
    }

    /** Cases in the caller's scope, by id: one pupil's from their owner, or every instance's. */
    public List<CaseSummary> cases(Caller caller, Filter filter) {
        List<CaseSummary> all = new ArrayList<>();
        if (filter.upn() != null) {
            AttendanceQueries.Owner owner = router.ownerOf(filter.upn());
            if (!InstanceRouter.answersHere(owner, caller)) {
                return router.askList(owner.instance(), "/api/v1/cases" + filter.query(), caller, CaseSummary.class);
            }
            all.addAll(localCases(caller, filter, owner.partition()));
        } else {
            all.addAll(localCases(caller, filter, null));
            all.addAll(router.gather(caller, "/api/v1/cases" + filter.query(), CaseSummary.class, "list its cases"));
        }
        all.sort(Comparator.comparing(CaseSummary::id));
        return all;
    }

    private List<CaseSummary> localCases(Caller caller, Filter filter, Integer partition) {
        // one pupil's cases from their partition; a school's (or every school's) from the listings, without decoding histories
        List<io.attendance.schemas.CaseListing> listed = filter.upn() != null
                ? queries.cases(filter.upn(), partition).stream().map(io.attendance.core.cases.CaseListings::of).toList()
                : queries.caseListings(filter.urn());
        return listed.stream().filter(filter).filter(c -> caller.sees().test(c.getUrn())).map(CaseSummary::of).toList();
    }

    /** One case with its letters and its siblings' figures, from the case's owner. */
    public CaseDetail caseDetail(Caller caller, String caseId) {
        AttendanceQueries.Owner owner = router.ownerOf(upnOf(caseId));
        if (!InstanceRouter.answersHere(owner, caller)) return router.ask(owner.instance(), "/api/v1/cases/" + router.caseRef(caseId), caller, CaseDetail.class);
        CaseState c = queries.caseState(caseId, owner.partition()).filter(x -> caller.sees().test(x.getUrn()))
                .orElseThrow(() -> new ApiError(404, "no case " + router.caseRef(caseId)));
        List<LetterView> sent = queries.letters(caseId, owner.partition()).stream().map(LetterView::of).toList();
        CaseDetail detail = CaseDetail.of(c, settings.policies().byId(c.getPolicy()).orElse(null), sent, List.of());
        return detail.withSiblings(siblings(caller, detail));
    }

    /**
     * Siblings named on the case (a joint approach, seed 001), each with their live figures from
     * whichever instance owns them; a sibling with no marks yet is listed without figures.
     */
    private List<CaseDetail.Sibling> siblings(Caller caller, CaseDetail c) {
        String named = c.fields().get("siblings");
        List<CaseDetail.Sibling> out = new ArrayList<>();
        if (named == null || named.isBlank()) return out;
        for (String upn : named.trim().split("[,\\s]+")) out.add(new CaseDetail.Sibling(upn, pupils.named(caller, upn).orElse(null)));
        return out;
    }

    /** The work queue, overdue first, then by due date; gathered from every instance. */
    public List<TaskItem> tasks(Caller caller) {
        List<TaskItem> all = new ArrayList<>(localTasks(caller.sees()));
        all.addAll(router.gather(caller, "/api/v1/tasks", TaskItem.class, "list its tasks"));
        all.sort(Comparator.<TaskItem, Boolean>comparing(t -> !t.overdue())
                .thenComparing(t -> t.due() == null ? "9999" : t.due())
                .thenComparing(TaskItem::caseId));
        return all;
    }

    /**
     * Open tasks (not done) of this instance's open cases in scope: overdue ones (their deadline's
     * tick has passed) and those due within 7 days of the school's own today (its last clock tick).
     */
    private List<TaskItem> localTasks(Predicate<String> urnInScope) {
        List<TaskItem> out = new ArrayList<>();
        for (io.attendance.schemas.CaseListing c : queries.caseListings(null)) {
            if (!CaseEngine.OPEN.equals(c.getStatus()) || !urnInScope.test(c.getUrn())) continue;
            // The school's today as the case's own partition has seen it: the same ticks that moved the case.
            int partition = io.attendance.contract.PupilPartitioner.partitionOf(c.getUpn(), settings.pupilPartitions());
            LocalDate today = queries.schoolToday(c.getUrn(), partition).orElse(null);
            for (io.attendance.schemas.CaseTask t : c.getTasks()) {
                if (t.getDone()) continue;
                boolean overdue = t.getMissed();
                boolean dueThisWeek = !overdue && t.getDue() != null && today != null && !t.getDue().isAfter(today.plusDays(7));
                if (!overdue && !dueThisWeek) continue;
                out.add(new TaskItem(c.getCaseId(), c.getUpn(), c.getUrn(), c.getPolicy(), c.getStage(), t.getName(),
                        t.getDue() == null ? null : t.getDue().toString(), overdue, today == null ? null : today.toString()));
            }
        }
        return out;
    }

    /**
     * Records an action on a case, as the caller: checked against the case as its owner holds it
     * (asked of the owner when that is another instance), then published.
     */
    public ActionRecorded act(Caller caller, String caseId, ActionRequest request) {
        AttendanceQueries.Owner owner = router.ownerOf(upnOf(caseId));
        if (!InstanceRouter.answersHere(owner, caller)) {
            return router.post(owner.instance(), "/api/v1/cases/" + router.caseRef(caseId) + "/actions", request.body(), caller, ActionRecorded.class);
        }
        int partition = owner.partition();
        CaseState c = mayAct(caller, caseId, partition);
        if (request.action() == null) throw new ApiError(400, "action: is required");
        if (request.date() == null) throw new ApiError(400, "date: is required (yyyy-mm-dd)");
        Policy policy = settings.policies().byId(c.getPolicy())
                .orElseThrow(() -> new ApiError(409, "the case's policy " + c.getPolicy() + " is not loaded"));
        Optional<Refusal> refusal = ActionCheck.check(CaseEngine.editable(c), policy, request.action(), request.date(), request.fields(),
                queries.caseEnv(c.getUpn(), c.getUrn(), partition));
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            throw new ActionRefused(r.status(), r.field(), r.message(), policy.actionsAllowedIn(c.getStage()));
        }
        String id = UUID.randomUUID().toString();
        publisher.publishCaseAction(CaseAction.newBuilder().setActionId(id).setUpn(c.getUpn()).setCaseId(caseId)
                .setAction(request.action()).setDate(request.date()).setFields(new java.util.HashMap<>(request.fields()))
                .setRecordedBy(caller.recordedBy()).build());
        return new ActionRecorded(id, caseId);
    }

    /**
     * The case, if the caller may record on it here: in scope, and for a school's staff only while the
     * school holds the pupil on roll (404 otherwise, as reads answer); staff who may record (403).
     */
    public CaseState mayAct(Caller caller, String caseId, int partition) {
        CaseState c = queries.caseState(caseId, partition).filter(x -> caller.sees().test(x.getUrn()))
                .filter(x -> schoolStillHolds(caller.who(), x.getUpn(), partition))
                .orElseThrow(() -> new ApiError(404, "no case " + router.caseRef(caseId)));
        if (!caller.who().mayRecord()) throw new ApiError(403, "a " + caller.who().describe() + " account may not record actions on cases");
        return c;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
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
        return CaseKeys.caseIdOfLetter(letterId).orElseThrow(() -> new ApiError(404, "no such letter"));
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
        if (!decision.allowed()) {
            // a refusal naming the open case names it as URLs do (its reference, not its id)
            String message = decision.refusal().message();
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?<![A-Za-z0-9])" + upn + "-[0-9]{6}-[a-z0-9-]+-[0-9]+").matcher(message);
            throw new ApiError(decision.refusal().status(), named.replaceAll(m -> router.caseRef(m.group())));
        }
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
}
