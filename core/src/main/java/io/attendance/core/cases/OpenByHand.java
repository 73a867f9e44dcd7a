package io.attendance.core.cases;

import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.function.Function;

/**
 * Whether staff may open a case by hand: under the policy named (or the school's own) in force on the
 * day, if that policy allows opening by hand, and only when the pupil has no open case of its family
 * at that school. The API checks this before recording the request; the engine checks it again when
 * it applies the request, against the state it then holds.
 */
public final class OpenByHand {
    private OpenByHand() {
    }

    /** Either the policy to open the case under, or why not. */
    public record Decision(Policy policy, Refusal refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    /** @param index the pupil's case index at the school, by procedure family (null when none) */
    public static Decision check(School school, String policyName, LocalDate date, PolicyRegistry policies,
                                 Function<String, CaseIndex> index) {
        String name = policyName != null ? policyName : school.getPolicy();
        Policy policy = policies.resolve(name, date).orElse(null);
        if (policy == null) return refused(Refusal.badField("policy", "'" + name + "' is not a known policy in force on " + date));
        if (policy.manualOpen() == null) return refused(Refusal.conflict("policy " + policy.id() + " does not allow opening a case by hand"));
        CaseIndex idx = index.apply(policy.family());
        if (idx != null && idx.getOpenCase() != null) {
            return refused(Refusal.conflict("a " + policy.family() + " case is already open for this pupil: " + idx.getOpenCase()));
        }
        return new Decision(policy, null);
    }

    private static Decision refused(Refusal r) {
        return new Decision(null, r);
    }
}
