package io.attendance.api.cases;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.api.Bodies;
import io.attendance.api.auth.Access;
import io.attendance.api.query.Caller;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.marks.MarkRules;
import io.attendance.core.pupil.PlainText;
import io.attendance.core.pupil.Upn;
import io.javalin.http.Context;

/**
 * Cases: the list (gathered from every instance, or from the pupil's owner), one case, the work
 * queue, actions, and opening by hand. A write about one pupil is relayed as it came to the
 * instance that owns the pupil's partition.
 */
public final class CasesController {
    private final CaseService cases;
    private final InstanceRouter router;
    private final ObjectMapper json;
    private final Access access;

    public CasesController(CaseService cases, InstanceRouter router, ObjectMapper json, Access access) {
        this.cases = cases;
        this.router = router;
        this.json = json;
        this.access = access;
    }

    public void list(Context ctx) {
        String upn = ctx.queryParam("upn");
        String urn = ctx.queryParam("urn");
        String status = ctx.queryParam("status");
        String overdue = ctx.queryParam("overdue");
        if (upn != null) Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        if (urn != null && !MarkRules.isUrn(urn)) throw new ApiError(400, "urn: must be six digits");
        if (status != null && !status.equals("open") && !status.equals("closed")) throw new ApiError(400, "status: open or closed");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) throw new ApiError(400, "overdue: true or false");
        List<CaseSummary> found = cases.cases(Caller.of(ctx, access), new CaseService.Filter(urn, upn, status, ctx.queryParam("stage"),
                overdue == null ? null : Boolean.valueOf(overdue)));
        // one pupil's cases are a read of that pupil (a school's or the LA's list is not recorded per pupil)
        if (upn != null && !found.isEmpty()) io.attendance.api.audit.AccessAudit.reading(ctx, upn, found.get(0).urn(), "cases", upn);
        ctx.json(found);
    }

    /** GET /api/v1/tasks: the work queue, overdue first, then by due date. */
    public void tasks(Context ctx) {
        ctx.json(cases.tasks(Caller.of(ctx, access)));
    }

    public void get(Context ctx) {
        CaseDetail c = cases.caseDetail(Caller.of(ctx, access), router.caseId(ctx.pathParam("id")));
        io.attendance.api.audit.AccessAudit.reading(ctx, c.upn(), c.urn(), "case", c.id());
        ctx.json(c);
    }

    public void act(Context ctx) {
        String id = router.caseId(ctx.pathParam("id"));
        AttendanceQueries.Owner owner = router.ownerOf(CaseService.upnOf(id));
        if (router.relayed(ctx, owner)) return;
        Caller caller = Caller.of(ctx, access);
        cases.mayAct(caller, id, owner.partition());
        ctx.status(202).json(cases.act(caller, id, ActionRequest.from(Bodies.object(ctx, json))));
    }

    public void open(Context ctx) throws InterruptedException {
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (router.relayed(ctx, owner)) return;
        if (cases.pupilUrn(upn, owner.partition()).filter(u -> access.sees(ctx, u)).isEmpty()) {
            throw new ApiError(404, "no marks recorded for that pupil in your scope: a case needs the pupil's school");
        }
        Access.require(ctx, Access.principal(ctx).mayRecord(), "open cases");
        OpenRequest body = Bodies.read(ctx, json, OpenRequest.class);
        PlainText.problemWith(body.note()).ifPresent(why -> {
            throw new ApiError(400, "note: " + why);
        });
        String id = cases.open(upn, owner.partition(), body.policy(), body.note(), body.date(), Access.recordedBy(ctx));
        ctx.status(201).header("Location", "/api/v1/cases/" + router.caseRef(id)).json(new CaseOpened(id));
    }
}
