package io.attendance.api.export;

import io.attendance.api.ApiError;
import io.attendance.api.audit.AccessAudit;
import io.attendance.api.auth.Access;
import io.attendance.api.query.Caller;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.pupil.Upn;
import io.javalin.http.Context;

import java.time.Clock;

/**
 * GET /api/v1/pupils/{upn}/export: the subject access export (a ZIP) of a pupil of the caller's LA,
 * for the LA's staff (an officer, its data protection lead or its automation key). Built by the
 * pupil's owner; the file name carries no UPN (it lands in download folders and proxy logs).
 */
public final class ExportController {
    private final SubjectAccessExport export;
    private final InstanceRouter router;
    private final Access access;
    private final Clock clock;

    public ExportController(SubjectAccessExport export, InstanceRouter router, Access access, Clock clock) {
        this.export = export;
        this.router = router;
        this.access = access;
        this.clock = clock;
    }

    public void get(Context ctx) {
        Access.require(ctx, Access.principal(ctx).mayExport(), "export a pupil's data (the LA's staff answer subject access requests)");
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        AccessAudit.reading(ctx, upn, null, "export", upn);
        if (router.relayed(ctx, owner)) return;
        Caller caller = Caller.of(ctx, access);
        java.time.Instant at = clock.instant();
        byte[] zip = export.zip(ctx, caller, upn, owner.partition(), AccessAudit.who(ctx), at);
        ctx.header("Content-Disposition", "attachment; filename=\"subject-access-export-" + java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC) + ".zip\"")
                .contentType("application/zip").result(zip);
    }
}
