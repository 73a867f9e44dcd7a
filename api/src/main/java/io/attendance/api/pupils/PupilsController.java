package io.attendance.api.pupils;

import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.attendance.api.query.Caller;
import io.attendance.core.marks.MarkRules;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.Upn;
import io.javalin.http.Context;

import java.util.Optional;

/** GET /api/v1/pupils/{upn}, its register, and GET /api/v1/schools/{urn}/pupils. */
public final class PupilsController {
    private final PupilService pupils;
    private final Access access;

    public PupilsController(PupilService pupils, Access access) {
        this.pupils = pupils;
        this.access = access;
    }

    public void pupil(Context ctx) {
        PupilView p = pupils.pupil(Caller.of(ctx, access), upn(ctx));
        io.attendance.api.audit.AccessAudit.reading(ctx, p.upn(), p.urn(), "pupil", p.upn());
        ctx.json(p);
    }

    /** Every session's standing mark, for the week-by-week grid. */
    public void register(Context ctx) {
        Register r = pupils.register(Caller.of(ctx, access), upn(ctx));
        io.attendance.api.audit.AccessAudit.reading(ctx, r.upn(), r.urn(), "register", r.upn());
        ctx.json(r);
    }

    public void schoolPupils(Context ctx) {
        String urn = ctx.pathParam("urn");
        if (!MarkRules.isUrn(urn)) throw new ApiError(400, "URN must be six digits");
        access.requireSchool(ctx, urn);
        Optional<Flag> flag;
        try {
            flag = Optional.ofNullable(ctx.queryParam("flag")).map(Flag::fromQueryName);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        Caller caller = Caller.of(ctx, access);
        // Asked by another instance gathering the list: this instance's share, as a bare list.
        if (caller.forwarded()) ctx.json(pupils.localSchoolPupils(urn, flag));
        else ctx.json(pupils.schoolPupils(caller, urn, flag));
    }

    private static String upn(Context ctx) {
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, p);
        });
        return upn;
    }
}
