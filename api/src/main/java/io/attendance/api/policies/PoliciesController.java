package io.attendance.api.policies;

import io.attendance.api.ApiError;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.javalin.http.Context;


/** GET /api/v1/policies and /api/v1/policies/{id}: the procedures the engine runs, as loaded. */
public final class PoliciesController {
    private final PolicyRegistry policies;

    public PoliciesController(PolicyRegistry policies) {
        this.policies = policies;
    }

    public void list(Context ctx) {
        ctx.json(policies.all().stream().map(PolicyView::of).toList());
    }

    public void get(Context ctx) {
        Policy p = policies.byId(ctx.pathParam("id")).orElseThrow(() -> new ApiError(404, "no policy " + ctx.pathParam("id")
                + " (policies: " + policies.all().stream().map(Policy::id).toList() + ")"));
        ctx.json(PolicyView.detail(p));
    }
}
