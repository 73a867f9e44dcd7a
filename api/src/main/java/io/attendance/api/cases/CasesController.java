package io.attendance.api.cases;

import io.attendance.contract.query.AttendanceQueries;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.api.query.InstanceRouter;
import io.attendance.core.pupil.Upn;
import io.attendance.core.marks.MarkRules;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases: list (gathered from every instance, or from the pupil's owner), one case, actions, and
 * opening by hand. Requests about one pupil go to the instance that owns the pupil's partition.
 */
public final class CasesController {
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private final CaseService cases;
    private final io.attendance.api.pupils.PupilQueries pupils;
    private final InstanceRouter router;
    private final ObjectMapper json;
    private final io.attendance.api.auth.Access access;

    public CasesController(CaseService cases, io.attendance.api.pupils.PupilQueries pupils, InstanceRouter router, ObjectMapper json,
                           io.attendance.api.auth.Access access) {
        this.access = access;
        this.cases = cases;
        this.pupils = pupils;
        this.router = router;
        this.json = json;
    }

    public void list(Context ctx) throws Exception {
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
        CaseService.Filter filter = new CaseService.Filter(urn, upn, status, ctx.queryParam("stage"),
                overdue == null ? null : Boolean.valueOf(overdue));
        if (upn != null) {
            AttendanceQueries.Owner owner = router.ownerOf(upn);
            if (router.relayed(ctx, owner)) return;
            ctx.json(sorted(inScope(ctx, cases.localCases(filter, owner.partition()))));
            return;
        }
        List<Map<String, Object>> all = new ArrayList<>(inScope(ctx, cases.localCases(filter, null)));
        for (String body : router.askOthers(ctx, "list its cases")) all.addAll(json.readValue(body, LIST));
        ctx.json(sorted(all));
    }

    /** GET /api/v1/tasks: the work queue, overdue first, then by due date; gathered from every instance. */
    public void tasks(Context ctx) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>(cases.localTasks(u -> access.sees(ctx, u)));
        for (String body : router.askOthers(ctx, "list its tasks")) all.addAll(json.readValue(body, LIST));
        all.sort(Comparator.<Map<String, Object>, Boolean>comparing(t -> !(Boolean) t.get("overdue"))
                .thenComparing(t -> t.get("due") == null ? "9999" : (String) t.get("due"))
                .thenComparing(t -> (String) t.get("caseId")));
        ctx.json(all);
    }

    public void get(Context ctx) {
        String id = ctx.pathParam("id");
        AttendanceQueries.Owner owner = router.ownerOf(CaseService.upnOf(id));
        if (router.relayed(ctx, owner)) return;
        Map<String, Object> c = cases.localCase(id, owner.partition()).filter(x -> access.sees(ctx, (String) x.get("urn")))
                .orElseThrow(() -> new ApiError(404, "no case " + id));
        c.put("siblings", siblings(c, ctx));
        ctx.json(c);
    }

    /**
     * Siblings named on the case (a joint approach, seed 001), each with their live figures from
     * whichever instance owns them; a sibling with no marks yet is listed without figures.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> siblings(Map<String, Object> c, Context ctx) {
        Object named = ((Map<String, Object>) c.get("fields")).get("siblings");
        List<Map<String, Object>> out = new ArrayList<>();
        if (named == null || named.toString().isBlank()) return out;
        for (String upn : named.toString().trim().split("[,\\s]+")) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("upn", upn);
            AttendanceQueries.Owner owner = router.ownerOf(upn);
            if (owner.self()) {
                pupils.localPupil(upn, owner.partition(), u -> access.sees(ctx, u))
                        .ifPresent(p -> s.put("attendance", p));
            } else {
                InstanceRouter.Forwarded f = router.forward(owner.instance(), "/api/v1/pupils/" + upn, InstanceRouter.passOn(ctx));
                if (f.status() == 200) {
                    try {
                        s.put("attendance", json.readValue(f.body(), Map.class));
                    } catch (java.io.IOException e) {
                        throw new ApiError(503, "a sibling's figures could not be read");
                    }
                }
            }
            out.add(s);
        }
        return out;
    }

    public void act(Context ctx) {
        String id = ctx.pathParam("id");
        AttendanceQueries.Owner owner = router.ownerOf(CaseService.upnOf(id));
        if (router.relayed(ctx, owner)) return;
        if (cases.urnOf(id, owner.partition()).filter(u -> access.sees(ctx, u)).isEmpty()
                || !cases.schoolStillHolds(io.attendance.api.auth.Access.principal(ctx), CaseService.upnOf(id), owner.partition())) {
            throw new ApiError(404, "no case " + id);
        }
        io.attendance.api.auth.Access.require(ctx, io.attendance.api.auth.Access.principal(ctx).mayRecord(), "record actions on cases");
        JsonNode body = body(ctx);
        String action = text(body, "action");
        if (action == null) throw new ApiError(400, "action: is required");
        LocalDate date = date(body, "date");
        if (date == null) throw new ApiError(400, "date: is required (yyyy-mm-dd)");
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            if (e.getKey().equals("action") || e.getKey().equals("date")) return;
            if (!e.getValue().isValueNode()) throw new ApiError(400, e.getKey() + ": must be a single value");
            io.attendance.core.pupil.PlainText.problemWith(e.getValue().asText()).ifPresent(why -> {
                throw new ApiError(400, e.getKey() + ": " + why);
            });
            fields.put(e.getKey(), e.getValue().asText());
        });
        try {
            ctx.status(202).json(cases.act(id, owner.partition(), action, date, fields, recordedBy(ctx)));
        } catch (CaseService.RefusedException r) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", r.getMessage());
            if (r.field != null) err.put("field", r.field);
            err.put("allowedActions", r.allowed);
            ctx.status(r.status).json(err);
        }
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
        io.attendance.api.auth.Access.require(ctx, io.attendance.api.auth.Access.principal(ctx).mayRecord(), "open cases");
        JsonNode body = body(ctx);
        io.attendance.core.pupil.PlainText.problemWith(text(body, "note")).ifPresent(why -> {
            throw new ApiError(400, "note: " + why);
        });
        String id = cases.open(upn, owner.partition(), text(body, "policy"), text(body, "note"), date(body, "date"), recordedBy(ctx));
        ctx.status(201).header("Location", "/api/v1/cases/" + id).json(Map.of("id", id));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            if (!n.isObject()) throw new ApiError(400, "body must be a JSON object");
            return n;
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            throw new ApiError(400, "body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static LocalDate date(JsonNode body, String field) {
        String v = text(body, field);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, field + ": '" + v + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static String recordedBy(Context ctx) {
        return io.attendance.api.auth.Access.recordedBy(ctx);
    }

    private List<Map<String, Object>> inScope(Context ctx, List<Map<String, Object>> found) {
        return found.stream().filter(c -> access.sees(ctx, (String) c.get("urn"))).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> cases) {
        cases.sort(Comparator.comparing(c -> (String) c.get("id")));
        return cases;
    }

}
