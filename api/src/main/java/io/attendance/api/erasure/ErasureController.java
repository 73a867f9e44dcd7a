package io.attendance.api.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.api.Bodies;
import io.attendance.api.auth.Access;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.Publisher;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.pupil.PlainText;
import io.attendance.core.pupil.Upn;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.ErasureRequest;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * POST /api/v1/pupils/{upn}/erasure {"reason": "..."}: the LA's data protection lead erases a pupil
 * whose data the LA has no legal basis to keep (sent for the wrong child, or to the wrong LA). Refused
 * (409, naming the case) while the pupil has a case: the case file is kept to its retention date. The
 * erasure request, with its reason, goes to the pupil's task, which checks again, removes the pupil
 * from every store and tombstones the parents on the contacts topic.
 */
public final class ErasureController {
    private final AttendanceQueries queries;
    private final InstanceRouter router;
    private final Access access;
    private final Publisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public ErasureController(AttendanceQueries queries, InstanceRouter router, Access access, Publisher publisher, ObjectMapper json, Clock clock) {
        this.queries = queries;
        this.router = router;
        this.access = access;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    public void post(Context ctx) {
        Access.require(ctx, Access.principal(ctx).mayAudit(), "erase a pupil's data (the LA's data protection lead)");
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        JsonNode body = Bodies.object(ctx, json);
        String reason = body.path("reason").asText("").trim();
        if (reason.isEmpty()) throw new ApiError(400, "reason: is required (why the LA has no legal basis to keep this pupil's data)");
        PlainText.problemWith(reason).ifPresent(p -> {
            throw new ApiError(400, "reason: " + p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (router.relayed(ctx, owner)) return;
        String urn = queries.pupil(upn, owner.partition()).map(p -> p.getUrn()).orElse(null);
        boolean admin = Access.principal(ctx).role() == io.attendance.api.auth.Role.ADMIN;
        if (urn == null ? !admin : !access.sees(ctx, urn)) throw new ApiError(404, "no pupil " + upn + " in your LA");
        List<CaseState> cases = queries.cases(upn, owner.partition());
        if (!cases.isEmpty()) {
            CaseState c = cases.get(0);
            throw new ApiError(409, "case " + router.caseRef(c.getCaseId()) + " (" + c.getPolicy() + ") is the pupil's: the case file is kept to its "
                    + "retention date (README: Personal data), so the pupil's data cannot be erased");
        }
        // the parents' tombstone is written by the pupil's task with the erasure, once its own case check passes
        publisher.publishErasure(ErasureRequest.newBuilder().setUpn(upn).setReason(reason)
                .setRequestedBy(Access.recordedBy(ctx)).setAt(clock.instant()).build());
        ctx.status(202).json(Map.of("upn", upn, "status", "erasing: every store of the pupil's task, and the parents' contact details"
                + " (refused there, with the reason on erasures.dlq, if a case was opened meanwhile)"));
    }
}
