package io.attendance.api.policies;

import io.attendance.api.ApiError;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/v1/policies and /api/v1/policies/{id}: the procedures the engine runs, as loaded. */
public final class PoliciesController {
    private final PolicyRegistry policies;

    public PoliciesController(PolicyRegistry policies) {
        this.policies = policies;
    }

    public void list(Context ctx) {
        List<Map<String, Object>> out = policies.all().stream().map(PoliciesController::summary).toList();
        ctx.json(out);
    }

    public void get(Context ctx) {
        Policy p = policies.byId(ctx.pathParam("id")).orElseThrow(() -> new ApiError(404, "no policy " + ctx.pathParam("id")
                + " (policies: " + policies.all().stream().map(Policy::id).toList() + ")"));
        Map<String, Object> m = summary(p);
        m.put("triggers", p.triggers());
        m.put("manualOpen", p.manualOpen());
        m.put("stages", p.stages());
        m.put("actions", p.actions());
        m.put("closureCodes", p.closureCodes());
        m.put("notEncoded", p.notEncoded());
        ctx.json(m);
    }

    private static Map<String, Object> summary(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("family", p.family());
        m.put("version", p.version());
        m.put("effectiveFrom", p.effectiveFrom().toString());
        m.put("title", p.title());
        m.put("source", p.source());
        m.put("appliesTo", p.everySchool() ? "every school" : "schools naming it");
        return m;
    }
}
