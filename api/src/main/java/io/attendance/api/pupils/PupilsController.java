package io.attendance.api.pupils;

import io.attendance.contract.query.AttendanceQueries;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.api.query.InstanceRouter;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.Upn;
import io.attendance.core.marks.MarkRules;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GET /api/v1/pupils/{upn} and GET /api/v1/schools/{urn}/pupils, answered by whichever instance owns the data. */
public final class PupilsController {
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final PupilQueries queries;
    private final InstanceRouter router;
    private final ObjectMapper json;
    private final io.attendance.api.auth.Access access;

    public PupilsController(PupilQueries queries, InstanceRouter router, ObjectMapper json, io.attendance.api.auth.Access access) {
        this.access = access;
        this.queries = queries;
        this.router = router;
        this.json = json;
    }

    public void pupil(Context ctx) {
        ownPupil(ctx).ifPresent(p -> ctx.json(p.figures()));
    }

    /** GET /api/v1/pupils/{upn}/register: every session's standing mark, for the week-by-week grid. */
    public void register(Context ctx) {
        ownPupil(ctx).ifPresent(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("upn", p.upn());
            body.put("urn", p.figures().get("urn"));
            body.put("marks", queries.localRegister(p.upn(), p.partition()));
            ctx.json(body);
        });
    }

    private record Held(String upn, int partition, Map<String, Object> figures) {
    }

    /**
     * The pupil of the path, if this instance owns it and the caller may see it; otherwise the
     * request has been answered already (forwarded to the owner) or refused (404 out of scope).
     */
    private Optional<Held> ownPupil(Context ctx) {
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (router.relayed(ctx, owner)) return Optional.empty();
        Map<String, Object> pupil = queries.localPupil(upn, owner.partition(), urn -> access.sees(ctx, urn))
                .orElseThrow(() -> new ApiError(404, "no marks recorded for that pupil in your scope"));
        return Optional.of(new Held(upn, owner.partition(), pupil));
    }

    public void schoolPupils(Context ctx) throws Exception {
        String urn = ctx.pathParam("urn");
        if (!MarkRules.isUrn(urn)) throw new ApiError(400, "URN must be six digits");
        access.requireSchool(ctx, urn);
        Optional<Flag> flag;
        try {
            flag = Optional.ofNullable(ctx.queryParam("flag")).map(Flag::fromQueryName);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        List<Map<String, Object>> pupils = new ArrayList<>(queries.localSchoolPupils(urn, flag));
        if (ctx.header(InstanceRouter.FORWARDED) != null) {
            ctx.json(pupils);
            return;
        }
        for (String answer : router.askOthers(ctx, "list its pupils")) pupils.addAll(json.readValue(answer, LIST));
        pupils.sort(Comparator.comparing(p -> (String) p.get("upn")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("urn", urn);
        body.put("flag", flag.map(Flag::name).orElse(null));
        body.put("count", pupils.size());
        body.put("pupils", pupils);
        ctx.json(body);
    }
}
