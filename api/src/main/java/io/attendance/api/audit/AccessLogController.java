package io.attendance.api.audit;

import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.pupil.Upn;
import io.attendance.schemas.AccessEvent;
import io.javalin.http.Context;

import java.util.List;

/**
 * GET /api/v1/pupils/{upn}/access-log: who read the pupil's data, oldest first. The LA's data
 * protection lead (la-admin) of the pupil's LA, or the LA's automation key; reading it is itself
 * recorded.
 */
public final class AccessLogController {
    private final AttendanceQueries queries;
    private final InstanceRouter router;
    private final Access access;

    public AccessLogController(AttendanceQueries queries, InstanceRouter router, Access access) {
        this.queries = queries;
        this.router = router;
        this.access = access;
    }

    /** One read as the log shows it. */
    public record Entry(String at, String who, String role, String what, String resource, String via, String instance, String urn) {
        static Entry of(AccessEvent e) {
            return new Entry(e.getAt().toString(), e.getWho(), e.getRole(), e.getWhat(), e.getResource(), e.getVia(), e.getInstance(), e.getUrn());
        }
    }

    public void get(Context ctx) {
        Access.require(ctx, Access.principal(ctx).mayAudit(), "read who read a pupil's data (the LA's data protection lead)");
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        AccessAudit.reading(ctx, upn, null, "access-log", upn);
        if (router.relayed(ctx, owner)) return;
        ctx.json(entries(ctx, upn, owner.partition()));
    }

    /** The pupil's log if the caller's LA holds the pupil (or held them when read; an erased pupil's index goes with them). */
    public List<Entry> entries(Context ctx, String upn, int partition) {
        List<AccessEvent> log = queries.accessLog(upn, partition);
        String urn = queries.pupil(upn, partition).map(p -> p.getUrn()).orElse(null);
        boolean sees = urn != null ? access.sees(ctx, urn)
                : log.stream().map(AccessEvent::getUrn).filter(java.util.Objects::nonNull).anyMatch(u -> access.sees(ctx, u))
                || Access.principal(ctx).role() == io.attendance.api.auth.Role.ADMIN;
        if (!sees) throw new ApiError(404, "no pupil " + upn + " in your LA");
        return log.stream().map(Entry::of).toList();
    }
}
