package io.attendance.api.letters;

import io.attendance.contract.query.AttendanceQueries;
import io.attendance.api.ApiError;
import io.attendance.api.cases.CaseService;
import io.attendance.api.query.InstanceRouter;
import io.attendance.schemas.Letter;
import io.javalin.http.Context;

/**
 * GET /api/v1/letters/{letterId}.pdf: the letter exactly as produced (its bytes hash to the
 * contentHash on the letters topic), from the instance that owns its case. Whoever may see the
 * case may see its letters: the same check as GET /api/v1/cases/{id}.
 */
public final class LettersController {
    private final CaseService cases;
    private final InstanceRouter router;

    private final io.attendance.api.auth.Access access;

    public LettersController(CaseService cases, InstanceRouter router, io.attendance.api.auth.Access access) {
        this.access = access;
        this.cases = cases;
        this.router = router;
    }

    public void pdf(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".pdf")) throw new ApiError(404, "letters are served as {letter reference}.pdf");
        String letterId = router.letterId(file.substring(0, file.length() - 4));
        String upn = CaseService.upnOf(CaseService.caseIdOfLetter(letterId));
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        io.attendance.api.audit.AccessAudit.reading(ctx, upn, null, "letter", letterId); // recorded only if the letter is served, here or by its owner
        if (router.relayed(ctx, owner)) return;
        Letter l = cases.localLetter(letterId, owner.partition())
                .filter(x -> access.sees(ctx, x.getUrn()) && cases.schoolStillHolds(io.attendance.api.auth.Access.principal(ctx), upn, owner.partition()))
                .orElseThrow(() -> new ApiError(404, "no letter " + ctx.pathParam("file")));
        if (l.getPdf().remaining() == 0) throw new ApiError(404, "letter " + ctx.pathParam("file") + " was not produced: " + l.getFailure());
        byte[] pdf = new byte[l.getPdf().remaining()];
        l.getPdf().duplicate().get(pdf);
        ctx.contentType("application/pdf").result(pdf);
    }
}
