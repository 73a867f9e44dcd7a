package io.attendance.api.schools;

import io.attendance.api.auth.Access;
import io.attendance.api.query.Caller;
import io.javalin.http.Context;

/** GET /api/v1/schools: every school in the caller's scope with its figures. */
public final class OverviewController {
    private final SchoolSummaries summaries;
    private final Access access;

    public OverviewController(SchoolSummaries summaries, Access access) {
        this.summaries = summaries;
        this.access = access;
    }

    public void list(Context ctx) {
        ctx.json(summaries.overview(Caller.of(ctx, access)));
    }
}
