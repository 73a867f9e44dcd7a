package io.attendance.api.courtpack;

import io.attendance.api.auth.Access;
import io.attendance.api.cases.CaseService;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.courtpack.CourtPack;
import io.attendance.courtpack.CourtPackPdf;
import io.attendance.courtpack.HerringboneCsv;
import io.javalin.http.Context;

/**
 * GET /api/v1/cases/{id}/court-pack.pdf and /herringbone.csv: answered by the instance that owns the
 * case's pupil (a request elsewhere is relayed there as it came).
 */
public final class CourtPackController {
    private final CourtPackService packs;
    private final InstanceRouter router;
    private final Access access;

    public CourtPackController(CourtPackService packs, InstanceRouter router, Access access) {
        this.packs = packs;
        this.router = router;
        this.access = access;
    }

    public void pdf(Context ctx) {
        CourtPack pack = pack(ctx);
        if (pack == null) return;
        ctx.header("Content-Disposition", "inline; filename=\"court-pack-" + ctx.pathParam("id") + ".pdf\"")
                .contentType("application/pdf").result(CourtPackPdf.write(pack));
    }

    public void csv(Context ctx) {
        CourtPack pack = pack(ctx);
        if (pack == null) return;
        ctx.header("Content-Disposition", "attachment; filename=\"herringbone-" + ctx.pathParam("id") + ".csv\"")
                .contentType("text/csv; charset=utf-8").result(HerringboneCsv.write(pack));
    }

    /** The pack from here, or null when the request was relayed to the case's owner. */
    private CourtPack pack(Context ctx) {
        String id = router.caseId(ctx.pathParam("id"));
        AttendanceQueries.Owner owner = router.ownerOf(CaseService.upnOf(id));
        io.attendance.api.audit.AccessAudit.reading(ctx, CaseService.upnOf(id), null, ctx.path().endsWith(".csv") ? "herringbone" : "court-pack", id);
        if (router.relayed(ctx, owner)) return null;
        return packs.pack(Access.principal(ctx), urn -> access.sees(ctx, urn), id, owner.partition());
    }
}
