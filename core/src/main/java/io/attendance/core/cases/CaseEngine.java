package io.attendance.core.cases;

import io.attendance.schemas.CaseDeadline;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseLetter;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.CaseTask;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.Condition;
import io.attendance.core.policy.DeadlineRequest;
import io.attendance.core.policy.LetterRequest;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.ProsecutionPeriod;
import io.attendance.core.policy.Rule;
import io.attendance.core.policy.Stage;
import io.attendance.core.policy.TaskRequest;
import io.attendance.core.policy.Window;
import io.attendance.core.pupil.SessionCounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Runs one case through its policy: opening, actions, deadlines and the end-of-day watch rules.
 * Every change is a {@link CaseEvent} appended to the case's history and returned to the caller
 * to publish; event ids are the case id and a sequence number, so a replay gives the same ids.
 * No method reads a clock: "today" is always the date of the tick or action being applied.
 */
public final class CaseEngine {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    /** Prefix of a {@code from} that counts from the day the case entered a stage (e.g. the referral). */
    public static final String ENTERING = "entering ";
    /**
     * A task the system raises on a case, open or closed (the notifier: a letter that could not be
     * produced or delivered). Field {@code task} names it. No policy declares it and the API refuses
     * it from people: only the notifier writes it, straight to the case-actions topic.
     */
    public static final String SYSTEM_TASK = "system-task";
    /** Rules applied in a row before the engine assumes a policy loops (a checked file cannot, but be safe). */
    private static final int MAX_STEPS = 50;

    private CaseEngine() {
    }

    /** A case read from a store, with lists and maps the engine can change (Avro's own arrays refuse removal). */
    public static CaseState editable(CaseState c) {
        c.setFields(new HashMap<>(c.getFields()));
        c.setHistory(new ArrayList<>(c.getHistory()));
        c.setTasks(new ArrayList<>(c.getTasks()));
        c.setLetters(new ArrayList<>(c.getLetters()));
        c.setDeadlines(new ArrayList<>(c.getDeadlines()));
        return c;
    }

    /** A new case at {@code stage}; its entry letters, tasks and deadlines start on {@code date}. */
    public static CaseState open(String caseId, Policy policy, String upn, String urn, LocalDate date, String stage,
                                 LocalDate periodStart, String linkedCase, String detail, String actionId,
                                 CaseEnv env, List<CaseEvent> out) {
        CaseState c = CaseState.newBuilder().setCaseId(caseId).setUpn(upn).setUrn(urn).setFamily(policy.family())
                .setPolicy(policy.id()).setPolicyVersion(policy.version()).setStatus(OPEN).setStage(stage)
                .setStageEnteredOn(date).setOpenedOn(date).setPeriodStart(periodStart).setLinkedCase(linkedCase)
                .setEventSeq(0).setFields(new HashMap<>()).setHistory(new ArrayList<>()).setTasks(new ArrayList<>())
                .setLetters(new ArrayList<>()).setDeadlines(new ArrayList<>()).build();
        CaseEvent e = event(c, CaseEventType.OPENED, date, out);
        e.setLinkedCase(linkedCase);
        e.setActionId(actionId);
        e.setDetail(detail);
        enter(c, policy, stage, date, env, out, 0, Map.of());
        return c;
    }

    /** Records an action already checked by {@link ActionCheck} (or refuses it, if the case moved on). */
    public static void act(CaseState c, Policy policy, String actionId, String action, LocalDate date,
                           Map<String, String> fields, String recordedBy, CaseEnv env, List<CaseEvent> out) {
        for (CaseEvent h : c.getHistory()) {
            if (actionId.equals(h.getActionId())) return; // a retried request: already recorded (or refused)
        }
        if (SYSTEM_TASK.equals(action)) {
            systemTask(c, actionId, date, fields, recordedBy, out);
            return;
        }
        var refusal = ActionCheck.check(c, policy, action, date, fields, env);
        if (refusal.isPresent()) {
            CaseEvent e = event(c, CaseEventType.ACTION_REFUSED, date, out);
            e.setAction(action);
            e.setActionId(actionId);
            e.setDetail(refusal.get().message());
            e.setFields(new HashMap<>(fields));
            return;
        }
        ActionSpec spec = policy.actions().get(action);
        CaseEvent e = event(c, CaseEventType.ACTION_RECORDED, date, out);
        e.setAction(action);
        e.setActionId(actionId);
        e.setFields(new HashMap<>(fields));
        String label = label(spec, action, date, fields, env);
        e.setDetail(spec.title() + label + (recordedBy == null ? "" : " — recorded by " + recordedBy));
        c.getFields().putAll(fields);
        // Which one this is (a first or second penalty notice) decides what the letter asks for: printed on it.
        if (!label.isEmpty()) c.getFields().put("actionLabel", label.substring(3));
        else c.getFields().remove("actionLabel");
        redate(c, policy, fields, date, env, out);
        if (!spec.letters().isEmpty()) {
            Condition.Facts facts = facts(c, date, env, policy);
            for (LetterRequest l : spec.letters()) if (l.when() == null || l.when().test(facts)) letter(c, policy, l, date, env, out, fields);
        }
        for (CaseTask t : c.getTasks()) {
            if (t.getDone()) continue;
            TaskRequest req = taskRequest(policy, t.getName());
            if (req != null && req.doneBy().contains(action)) {
                t.setDone(true);
                t.setDoneOn(date);
                c.getDeadlines().removeIf(d -> d.getTask() && d.getName().equals(t.getName()));
                CaseEvent done = event(c, CaseEventType.TASK_DONE, date, out);
                done.setTask(t.getName());
                done.setAction(action);
            }
        }
        applyFirst(c, policy, spec.then(), date, env, out, 0, fields);
    }

    /**
     * An open task due from a date field (hold the meeting on meetingDate) follows that field when an
     * action records a new value: a re-arranged meeting moves the task, rather than leaving it due on
     * the old date and raising a missed deadline.
     */
    private static void redate(CaseState c, Policy policy, Map<String, String> fields, LocalDate date, CaseEnv env,
                               List<CaseEvent> out) {
        for (CaseTask t : c.getTasks()) {
            if (t.getDone()) continue;
            TaskRequest req = taskRequest(policy, t.getName());
            if (req == null || req.due() == null || req.from() == null || !fields.containsKey(req.from())) continue;
            String v = fields.get(req.from());
            if (v == null || v.isBlank()) continue;
            LocalDate due = req.due().after(LocalDate.parse(v), env.calendar(), env.workingDays());
            if (due.equals(t.getDue())) continue;
            LocalDate was = t.getDue();
            t.setDue(due);
            t.setMissed(false);
            c.getDeadlines().removeIf(d -> d.getTask() && d.getName().equals(t.getName()));
            c.getDeadlines().add(new CaseDeadline(t.getName(), due, true));
            CaseEvent e = event(c, CaseEventType.TASK_CREATED, date, out);
            e.setTask(t.getName());
            e.setDue(due);
            e.setDetail("re-dated: " + req.from() + " is now " + v + " (was due " + was + ")");
        }
    }

    private static void systemTask(CaseState c, String actionId, LocalDate date, Map<String, String> fields,
                                   String recordedBy, List<CaseEvent> out) {
        String name = fields.getOrDefault("task", "check this case");
        c.getTasks().add(new CaseTask(name, date, null, false, null, false));
        CaseEvent e = event(c, CaseEventType.TASK_CREATED, date, out);
        e.setTask(name);
        e.setActionId(actionId);
        e.setFields(new HashMap<>(fields));
        e.setDetail("raised by " + (recordedBy == null ? "the system" : recordedBy));
    }

    /** For a limited action: which one this is ("first notice: ..."), from the earlier ones within the limit's span. */
    private static String label(ActionSpec spec, String action, LocalDate date, Map<String, String> fields, CaseEnv env) {
        if (spec.limit() == null || spec.labels().isEmpty()) return "";
        int earlier = ActionCheck.earlierWithinLimit(spec, action, date, fields, env).size();
        int i = Math.min(earlier, spec.labels().size() - 1);
        return " — " + spec.labels().get(i);
    }

    /** A deadline or a task's due date has ended (the tick of its due day). */
    public static void due(CaseState c, Policy policy, CaseDeadline d, LocalDate today, CaseEnv env, List<CaseEvent> out) {
        if (!c.getDeadlines().remove(d)) return; // already cancelled or fired
        if (d.getTask()) {
            for (CaseTask t : c.getTasks()) {
                if (t.getName().equals(d.getName()) && !t.getDone() && !t.getMissed()) {
                    t.setMissed(true);
                    CaseEvent e = event(c, CaseEventType.DEADLINE_MISSED, today, out);
                    e.setTask(t.getName());
                    e.setDue(d.getDue());
                    e.setDetail("task '" + t.getName() + "' was due " + d.getDue() + " and is not done");
                }
            }
            return;
        }
        DeadlineRequest req = policy.stage(c.getStage()).deadlines().stream()
                .filter(r -> r.name().equals(d.getName())).findFirst().orElse(null);
        CaseEvent e = event(c, CaseEventType.DEADLINE_REACHED, today, out);
        e.setDue(d.getDue());
        e.setDetail(d.getName());
        if (req != null) applyFirst(c, policy, req.then(), today, env, out, 0, Map.of());
    }

    /** End of a school day: the stage's watch rules, against the day's figures. */
    public static void watch(CaseState c, Policy policy, LocalDate today, CaseEnv env, List<CaseEvent> out) {
        if (!OPEN.equals(c.getStatus())) return;
        List<Rule> watch = policy.stage(c.getStage()).watch();
        if (!watch.isEmpty()) applyFirst(c, policy, watch, today, env, out, 0, Map.of());
    }

    /** The day the case last entered a stage (opened in it, or moved to it), from its own history. */
    public static Optional<LocalDate> enteredOn(CaseState c, String stage) {
        LocalDate found = null;
        for (CaseEvent e : c.getHistory()) {
            boolean entered = (e.getType() == CaseEventType.OPENED || e.getType() == CaseEventType.STAGE_CHANGED) && stage.equals(e.getStage());
            if (entered) found = e.getDate();
        }
        return Optional.ofNullable(found);
    }

    /**
     * The case's prosecution period, once it has one: the policy defines it and the case has entered
     * its {@code startsAt} stage (which fixed {@code periodStart}).
     */
    public static Optional<LocalDate[]> prosecutionPeriod(CaseState c, Policy policy) {
        ProsecutionPeriod pp = policy.prosecutionPeriod();
        if (pp == null || enteredOn(c, pp.startsAt()).isEmpty()) return Optional.empty();
        return Optional.of(new LocalDate[]{c.getPeriodStart(), pp.end(c.getPeriodStart()), pp.layBy(c.getPeriodStart())});
    }

    /**
     * The dates a window covers for this case on {@code today} (first and last, both included), or
     * null when it has none yet (a stage never entered, a field not recorded, no prosecution period).
     */
    static LocalDate[] span(CaseState c, Window w, LocalDate today, CaseEnv env, Optional<LocalDate[]> period) {
        LocalDate from = switch (w.kind()) {
            case SCHOOL_WEEKS -> {
                List<LocalDate> weeks = env.calendar().schoolWeeksEndingWith(today, w.schoolWeeks());
                yield weeks.get(weeks.size() - 1);
            }
            case YEAR_TO_DATE -> io.attendance.core.calendar.SchoolCalendar.academicYearStart(today);
            case SINCE_STAGE -> c.getStageEnteredOn().plusDays(1);
            case SINCE_OPENED -> c.getOpenedOn().plusDays(1);
            case PROSECUTION_PERIOD -> period.map(p -> p[0]).orElse(null);
            case SINCE_ENTERING -> enteredOn(c, w.field()).map(d -> d.plusDays(1)).orElse(null);
            case SINCE_FIELD -> {
                String v = c.getFields().get(w.field());
                yield v == null ? null : LocalDate.parse(v).plusDays(1);
            }
        };
        if (from == null) return null;
        // a prosecution period is counted to today, never past its last day (the 26 weeks bound it)
        LocalDate to = w.kind() == Window.Kind.PROSECUTION_PERIOD && today.isAfter(period.get()[1]) ? period.get()[1] : today;
        return new LocalDate[]{from, to};
    }

    /** Figures and fields as a condition sees them for this case on {@code today}, under the policy's minimum evidence. */
    public static Condition.Facts facts(CaseState c, LocalDate today, CaseEnv env, Policy policy) {
        return facts(c, today, env, policy, null);
    }

    /** As above, counting no session dated before {@code countFrom} (null: no such bound). */
    public static Condition.Facts facts(CaseState c, LocalDate today, CaseEnv env, Policy policy, LocalDate countFrom) {
        int minimumEvidenceWeeks = policy.minimumEvidenceWeeks();
        Optional<LocalDate[]> period = prosecutionPeriod(c, policy);
        io.attendance.core.policy.Provisional provisional = policy.provisional();
        return new Condition.Facts() {
            @Override
            public boolean judged(Window w) {
                return switch (w.kind()) {
                    case SCHOOL_WEEKS -> env.wholeSchoolWeeks(today, w.schoolWeeks());
                    case YEAR_TO_DATE -> env.onRegisterFor(today, minimumEvidenceWeeks);
                    case PROSECUTION_PERIOD -> period.isPresent(); // not yet fixed: nothing to judge
                    default -> true; // the case's own periods: the policy chose them
                };
            }

            @Override
            public SessionCounts counts(Window w) {
                LocalDate[] span = span(c, w, today, env, period);
                if (span == null) return SessionCounts.ZERO;
                if (countFrom != null && span[0].isBefore(countFrom)) span = new LocalDate[]{countFrom, span[1]};
                SessionCounts raw = env.between(span[0], span[1]);
                if (provisional == null || raw.unauthorised() == 0) return raw;
                // An N inside its grace is not yet evidence of unauthorised absence (policies/README.md).
                LocalDate pendingFrom = provisional.evidenceUpTo(today, env.calendar()).plusDays(1);
                int pending = env.sessionsCoded(pendingFrom.isAfter(span[0]) ? pendingFrom : span[0], span[1], provisional.codes());
                return pending == 0 ? raw : raw.withProvisional(pending);
            }

            @Override
            public BigDecimal schoolExpectedPct() {
                return env.schoolExpectedPct();
            }

            @Override
            public String field(String name) {
                return c.getFields().get(name);
            }

            @Override
            public boolean entered(String stage) {
                return enteredOn(c, stage).isPresent();
            }
        };
    }

    /** {@code acting}: the fields of the action being applied (empty for a deadline or watch rule). */
    private static void applyFirst(CaseState c, Policy policy, List<Rule> rules, LocalDate date, CaseEnv env,
                                   List<CaseEvent> out, int depth, Map<String, String> acting) {
        Condition.Facts facts = facts(c, date, env, policy);
        for (Rule r : rules) {
            if (r.when() == null || r.when().test(facts)) {
                apply(c, policy, r, date, env, out, depth, acting);
                return;
            }
        }
    }

    private static void apply(CaseState c, Policy policy, Rule r, LocalDate date, CaseEnv env, List<CaseEvent> out, int depth,
                              Map<String, String> acting) {
        if (depth > MAX_STEPS) throw new IllegalStateException("policy " + policy.id() + " loops between stages");
        String why = r.when() == null ? null : r.when().describe();
        for (LetterRequest l : r.letters()) letter(c, policy, l, date, env, out, acting);
        for (TaskRequest t : r.tasks()) task(c, t, date, env, out);
        if (r.close() != null) {
            close(c, policy, r.close(), date, why, out);
        } else if (r.goTo() != null) {
            String from = c.getStage();
            c.getDeadlines().removeIf(d -> !d.getTask()); // the old stage's timers end with it
            c.setStage(r.goTo());
            c.setStageEnteredOn(date);
            CaseEvent e = event(c, CaseEventType.STAGE_CHANGED, date, out);
            e.setFromStage(from);
            e.setDetail(why == null ? "" : "because " + why);
            enter(c, policy, r.goTo(), date, env, out, depth + 1, acting);
        }
    }

    private static void enter(CaseState c, Policy policy, String stageName, LocalDate date, CaseEnv env,
                              List<CaseEvent> out, int depth, Map<String, String> acting) {
        Stage s = policy.stage(stageName);
        ProsecutionPeriod pp = policy.prosecutionPeriod();
        if (pp != null && pp.startsAt().equals(stageName)) {
            // The criterion is met on entering this stage: the period starts with the window that met it.
            LocalDate start = pp.start(date, env.calendar());
            c.setPeriodStart(start);
            CaseEvent entry = c.getHistory().get(c.getHistory().size() - 1);
            String said = entry.getDetail() == null || entry.getDetail().isEmpty() ? "" : entry.getDetail() + "; ";
            entry.setDetail(said + "prosecution period " + start + " to " + pp.end(start) + " (lay any information by " + pp.layBy(start) + ")");
        }
        for (LetterRequest l : s.letters()) letter(c, policy, l, date, env, out, acting);
        for (TaskRequest t : s.tasks()) task(c, t, date, env, out);
        for (DeadlineRequest d : s.deadlines()) {
            LocalDate from = d.from() == null ? date : fieldDate(c, d.from(), date);
            c.getDeadlines().add(new CaseDeadline(d.name(), d.after().after(from, env.calendar(), env.workingDays()), false));
        }
    }

    /** The LA confirmed the pupil moved: the case closes with the procedure's code for a move (a null code: nothing). */
    public static void closeOnMove(CaseState c, Policy policy, String code, LocalDate date, String why, List<CaseEvent> out) {
        if (code == null || !OPEN.equals(c.getStatus())) return;
        transferred(c, date, why, out);
        close(c, policy, code, date, "because " + why, out);
    }

    /** A confirmed move in the case's history; the case follows the pupil to the new school ({@code c.urn} already set) unless it then closes. */
    public static void transferred(CaseState c, LocalDate date, String why, List<CaseEvent> out) {
        CaseEvent e = event(c, CaseEventType.ACTION_RECORDED, date, out);
        e.setAction(MOVED);
        e.setDetail(why);
    }

    /** The action name under which a confirmed move appears in a case's history (no policy declares it). */
    public static final String MOVED = "pupil-moved";

    private static void close(CaseState c, Policy policy, String code, LocalDate date, String why, List<CaseEvent> out) {
        c.setStatus(CLOSED);
        c.setClosedOn(date);
        c.setClosureCode(code);
        c.getDeadlines().clear();
        CaseEvent e = event(c, CaseEventType.CLOSED, date, out);
        e.setClosureCode(code);
        e.setDetail(policy.closureCodes().get(code) + (why == null ? "" : why.startsWith("because ") ? " — " + why : " — because " + why));
    }

    /** Fields a letter event carries only when the action that asked for it set the meeting. */
    private static final List<String> MEETING_FIELDS = List.of("meetingDate", "meetingTime", "place", "attendees");

    private static void letter(CaseState c, Policy policy, LetterRequest l, LocalDate date, CaseEnv env,
                               List<CaseEvent> out, Map<String, String> acting) {
        CaseEvent e = event(c, CaseEventType.LETTER_REQUESTED, date, out);
        e.setLetterId(l.id());
        e.setLetterTitle(l.title());
        e.setFields(new HashMap<>(c.getFields()));
        // A meeting set by an earlier action is not this letter's news: an outcome letter must not
        // print last month's invitation (policies/letters/README.md "meeting.*").
        if (!acting.containsKey("meetingDate")) MEETING_FIELDS.forEach(e.getFields()::remove);
        e.getFields().put("letterTo", l.to());
        if (l.to().startsWith("parents-except:")) { // who was present at this meeting, not at an earlier one
            String f = l.to().substring("parents-except:".length());
            e.getFields().put(f, acting.getOrDefault(f, ""));
        }
        if (l.evidence() != null) e.getFields().putAll(LetterEvidence.stamp(c, policy, Window.parse(l.evidence()), date, env));
        c.getLetters().add(new CaseLetter(l.id(), l.title(), date, e.getEventId()));
    }

    private static void task(CaseState c, TaskRequest t, LocalDate date, CaseEnv env, List<CaseEvent> out) {
        LocalDate due = null;
        if (t.due() != null) {
            LocalDate from = t.from() == null ? date : fieldDate(c, t.from(), date);
            due = t.due().after(from, env.calendar(), env.workingDays());
            c.getDeadlines().add(new CaseDeadline(t.name(), due, true));
        }
        c.getTasks().add(new CaseTask(t.name(), date, due, false, null, false));
        CaseEvent e = event(c, CaseEventType.TASK_CREATED, date, out);
        e.setTask(t.name());
        e.setDue(due);
    }

    /** A task's or deadline's {@code from}: a date field, or "entering <stage>" (the day the case last entered it). */
    private static LocalDate fieldDate(CaseState c, String field, LocalDate otherwise) {
        if (field.startsWith(ENTERING)) return enteredOn(c, field.substring(ENTERING.length())).orElse(otherwise);
        String v = c.getFields().get(field);
        return v == null ? otherwise : LocalDate.parse(v);
    }

    private static TaskRequest taskRequest(Policy p, String name) {
        for (Stage s : p.stages().values()) {
            for (TaskRequest t : s.tasks()) if (t.name().equals(name)) return t;
            for (DeadlineRequest d : s.deadlines()) for (Rule r : d.then()) for (TaskRequest t : r.tasks()) if (t.name().equals(name)) return t;
            for (Rule r : s.watch()) for (TaskRequest t : r.tasks()) if (t.name().equals(name)) return t;
        }
        for (ActionSpec a : p.actions().values()) for (Rule r : a.then()) for (TaskRequest t : r.tasks()) if (t.name().equals(name)) return t;
        return null;
    }

    private static CaseEvent event(CaseState c, CaseEventType type, LocalDate date, List<CaseEvent> out) {
        long seq = c.getEventSeq() + 1;
        c.setEventSeq(seq);
        CaseEvent e = CaseEvent.newBuilder().setEventId(CaseKeys.eventId(c.getCaseId(), seq)).setCaseId(c.getCaseId())
                .setUpn(c.getUpn()).setUrn(c.getUrn()).setPolicy(c.getPolicy()).setPolicyVersion(c.getPolicyVersion())
                .setType(type).setDate(date).setStage(c.getStage()).setFields(new HashMap<>()).build();
        c.getHistory().add(e);
        out.add(e);
        return e;
    }
}
