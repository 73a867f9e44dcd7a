package io.attendance.api.policies;

import io.attendance.core.policy.Policy;

/** A loaded policy: GET /api/v1/policies lists these; GET /api/v1/policies/{id} adds its rules ({@link Detail}). */
public record PolicyView(String id, String family, int version, String effectiveFrom, String title, String source, String appliesTo) {

    /** The policy with its triggers, stages, actions and closure codes, as loaded from its file. */
    public record Detail(String id, String family, int version, String effectiveFrom, String title, String source, String appliesTo,
                         Object triggers, Object manualOpen, Object stages, Object actions, Object closureCodes, Object notEncoded) {
    }

    static PolicyView of(Policy p) {
        return new PolicyView(p.id(), p.family(), p.version(), p.effectiveFrom().toString(), p.title(), p.source(),
                p.everySchool() ? "every school" : "schools naming it");
    }

    static Detail detail(Policy p) {
        PolicyView s = of(p);
        return new Detail(s.id(), s.family(), s.version(), s.effectiveFrom(), s.title(), s.source(), s.appliesTo(), p.triggers(),
                p.manualOpen(), p.stages(), p.actions(), p.closureCodes(), p.notEncoded());
    }
}
