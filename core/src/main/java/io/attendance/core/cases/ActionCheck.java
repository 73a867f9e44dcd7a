package io.attendance.core.cases;

import io.attendance.schemas.CaseState;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.FieldSpec;
import io.attendance.core.policy.Policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an action may be recorded on a case now. The API asks before accepting a request;
 * the engine asks again when it reads the action (the stage may have moved on in between).
 */
public final class ActionCheck {
    private ActionCheck() {
    }

    public static Optional<Refusal> check(CaseState c, Policy policy, String action, LocalDate date,
                                          Map<String, String> fields, CaseEnv env) {
        if (!"open".equals(c.getStatus())) return Optional.of(Refusal.conflict("the case is closed (" + c.getClosureCode() + ")"));
        List<String> allowed = policy.actionsAllowedIn(c.getStage());
        ActionSpec spec = policy.actions().get(action);
        if (spec == null || !allowed.contains(action)) {
            return Optional.of(Refusal.conflict((spec == null ? "policy " + policy.id() + " has no action '" + action + "'"
                    : "'" + action + "' is not allowed in stage '" + c.getStage() + "'")
                    + "; allowed now: " + allowed));
        }
        if (date == null) return Optional.of(Refusal.badField("date", "is required (yyyy-mm-dd)"));
        if (date.isBefore(c.getStageEnteredOn())) {
            return Optional.of(Refusal.badField("date", date + " is before the case entered stage '" + c.getStage()
                    + "' on " + c.getStageEnteredOn()));
        }
        for (String name : fields.keySet()) {
            if (!spec.fields().containsKey(name)) {
                return Optional.of(Refusal.badField(name, "is not a field of '" + action + "' (fields: " + spec.fields().keySet() + ")"));
            }
        }
        for (Map.Entry<String, FieldSpec> f : spec.fields().entrySet()) {
            String value = fields.get(f.getKey());
            String problem = f.getValue().problem(value);
            if (problem != null) return Optional.of(Refusal.badField(f.getKey(), problem));
            if (value == null || value.isBlank() || f.getValue().type() != FieldSpec.Type.DATE) continue;
            LocalDate d = LocalDate.parse(value);
            if (f.getValue().notice() != null) {
                LocalDate earliest = f.getValue().notice().after(date, env.calendar(), env.workingDays());
                if (d.isBefore(earliest)) {
                    return Optional.of(Refusal.badField(f.getKey(), value + " is too soon: at least " + f.getValue().notice()
                            + " notice from " + date + " is needed; the earliest valid date is " + earliest));
                }
            }
            if (f.getValue().notAfter() != null) {
                LocalDate limit = notAfter(c, policy, f.getValue().notAfter(), fields);
                if (limit != null && d.isAfter(limit)) {
                    return Optional.of(Refusal.badField(f.getKey(), value + " is too late: it must be on or before "
                            + f.getValue().notAfter() + " (" + limit + ")"));
                }
            }
            if (f.getValue().within() != null) {
                LocalDate latest = f.getValue().within().after(date, env.calendar(), env.workingDays());
                if (d.isAfter(latest)) {
                    return Optional.of(Refusal.badField(f.getKey(), value + " is too late: it must be within "
                            + f.getValue().within() + " of " + date + ", by " + latest));
                }
            }
        }
        if (!spec.requires().isEmpty()) {
            CaseState merged = CaseState.newBuilder(c).build();
            merged.setFields(new java.util.HashMap<>(c.getFields()));
            merged.getFields().putAll(fields);
            var facts = CaseEngine.facts(merged, date, env, policy);
            for (ActionSpec.Requirement r : spec.requires()) {
                if (!r.when().test(facts)) return Optional.of(Refusal.conflict(r.refusal() + " (" + r.when().explain(facts) + ")"));
            }
        }
        if (spec.withdraws() != null) {
            ActionSpec withdrawn = policy.actions().get(spec.withdraws());
            String per = fields.get(withdrawn.limit().per());
            if (recordedHere(c, policy, spec.withdraws(), withdrawn.limit().per(), per).isEmpty()) {
                return Optional.of(Refusal.conflict("no '" + spec.withdraws() + "' with " + withdrawn.limit().per() + " " + per
                        + " is recorded on this case to withdraw"));
            }
        }
        if (spec.limit() != null && spec.limit().perCase() != null) {
            String per = fields.get(spec.limit().per());
            List<LocalDate> here = recordedHere(c, policy, action, spec.limit().per(), per);
            if (here.size() >= spec.limit().perCase()) {
                return Optional.of(Refusal.conflict(spec.limit().perCaseRefusal() + " (" + spec.limit().per() + " " + per
                        + ": already on this case on " + here + ")"));
            }
        }
        if (spec.limit() != null) {
            String per = fields.get(spec.limit().per());
            List<LocalDate> earlier = earlierWithinLimit(spec, action, date, fields, env);
            if (earlier.size() >= spec.limit().max()) {
                return Optional.of(Refusal.conflict(spec.limit().refusal() + " (" + spec.limit().per() + " " + per + ": "
                        + earlier.size() + " already within " + spec.limit().within() + ", on " + earlier + ")"));
            }
        }
        return Optional.empty();
    }

    /** The date a {@code notAfter} names: the end of the case's prosecution period, or a date field (this action's or the case's). */
    private static LocalDate notAfter(CaseState c, Policy policy, String what, Map<String, String> fields) {
        if (FieldSpec.PROSECUTION_PERIOD_END.equals(what)) {
            return CaseEngine.prosecutionPeriod(c, policy).map(p -> p[1]).orElse(null);
        }
        String v = fields.containsKey(what) ? fields.get(what) : c.getFields().get(what);
        return v == null || v.isBlank() ? null : LocalDate.parse(v);
    }

    /** Dates {@code action} was recorded on this case with {@code field} = {@code value}, less those since withdrawn. */
    public static List<LocalDate> recordedHere(CaseState c, Policy policy, String action, String field, String value) {
        List<LocalDate> dates = new java.util.ArrayList<>();
        for (var e : c.getHistory()) {
            if (e.getType() != io.attendance.schemas.CaseEventType.ACTION_RECORDED || e.getFields() == null) continue;
            if (value == null || !value.equals(e.getFields().get(field))) continue;
            ActionSpec spec = policy.actions().get(e.getAction());
            if (action.equals(e.getAction())) dates.add(e.getDate());
            else if (spec != null && action.equals(spec.withdraws()) && !dates.isEmpty()) dates.remove(dates.size() - 1);
        }
        return dates;
    }

    /** The dates this limited action was recorded for the same child and limit field within the limit's span before {@code date}. */
    static List<LocalDate> earlierWithinLimit(ActionSpec spec, String action, LocalDate date, Map<String, String> fields, CaseEnv env) {
        return env.actionLog(action, fields.get(spec.limit().per())).stream()
                // Within 3 years: up to and including the corresponding date (29 Feb's is 28 Feb), see policies/README.md.
                .filter(d -> !d.isAfter(date) && !spec.limit().within().after(d, env.calendar(), env.workingDays()).isBefore(date))
                .toList();
    }
}
