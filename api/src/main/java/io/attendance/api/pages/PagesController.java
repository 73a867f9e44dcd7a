package io.attendance.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.attendance.core.pupil.Upn;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The LA overview, a school's flagged pupils, a pupil's register and the work queue. */
final class PagesController {
    private final SelfClient api;
    private final PageRenderer pages;
    private final Access access;

    PagesController(SelfClient api, PageRenderer pages, Access access) {
        this.api = api;
        this.pages = pages;
        this.access = access;
    }

    void overview(Context ctx) {
        JsonNode schools = api.get(ctx, "/api/v1/schools");
        Map<String, Object> m = PageModel.of(ctx, access, "Attendance overview", "overview", "/live?scope=all");
        List<Map<String, Object>> rows = new ArrayList<>();
        int pupils = 0, pa = 0, sa = 0, open = 0, overdue = 0;
        for (JsonNode s : schools) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("urn", s.get("urn").asText());
            r.put("name", s.get("name").asText(s.get("urn").asText()));
            r.put("pupils", s.get("pupils").asInt());
            r.put("attendance", PageModel.pct(s.get("attendancePct")));
            r.put("persistent", PageModel.pct(s.get("persistentAbsencePct")));
            r.put("severe", PageModel.pct(s.get("severeAbsencePct")));
            r.put("asOf", s.get("asOf").isNull() ? "–" : s.get("asOf").asText());
            List<Map<String, Object>> stages = new ArrayList<>();
            s.get("openCasesByStage").fields().forEachRemaining(e -> stages.add(Map.of("stage", PageModel.label(e.getKey()), "count", e.getValue().asInt())));
            r.put("stages", stages);
            r.put("openCases", s.get("openCases").asInt());
            r.put("overdueTasks", s.get("overdueTasks").asInt());
            r.put("hasOverdue", s.get("overdueTasks").asInt() > 0);
            rows.add(r);
            pupils += s.get("pupils").asInt();
            pa += s.get("persistentAbsence").asInt();
            sa += s.get("severeAbsence").asInt();
            open += s.get("openCases").asInt();
            overdue += s.get("overdueTasks").asInt();
        }
        m.put("schools", rows);
        m.put("schoolsWord", rows.size() == 1 ? "school" : "schools");
        m.put("totals", Map.of("schools", rows.size(), "pupils", pupils, "persistent", pa, "severe", sa, "open", open, "overdue", overdue,
                "anyOverdue", overdue > 0)); // Mustache treats 0 as true: the red card needs a real boolean
        m.put("trendSvg", TrendChart.svg(schools));
        List<Map<String, Object>> trend = new ArrayList<>();
        for (JsonNode s : schools) {
            for (JsonNode w : s.get("trend")) {
                trend.add(Map.of("school", s.get("name").asText(), "week", w.get("week").asText(), "attendance", PageModel.pct(w.get("attendancePct"))));
            }
        }
        m.put("trend", trend);
        ctx.html(pages.render("overview", m));
    }

    void school(Context ctx) {
        String urn = ctx.pathParam("urn");
        JsonNode school = api.get(ctx, "/api/v1/schools/" + enc(urn));
        String flag = ctx.queryParam("flag");
        if (flag == null || !List.of("persistent", "severe", "penalty-notice").contains(flag)) flag = "any";
        String sort = ctx.queryParam("sort") == null ? "attendance" : ctx.queryParam("sort");
        JsonNode listed = api.get(ctx, "/api/v1/schools/" + enc(urn) + "/pupils" + (flag.equals("any") ? "" : "?flag=" + flag));
        List<JsonNode> pupils = new ArrayList<>();
        listed.get("pupils").forEach(p -> {
            if (!p.get("flags").isEmpty()) pupils.add(p); // flagged pupils only: "any" is any flag raised
        });
        Comparator<JsonNode> byAttendance = Comparator.comparingDouble(p -> p.get("yearToDate").get("attendancePct").isNull()
                ? 101 : p.get("yearToDate").get("attendancePct").asDouble());
        Comparator<JsonNode> order = switch (sort) {
            case "upn" -> Comparator.comparing(p -> p.get("upn").asText());
            case "unauthorised" -> Comparator.<JsonNode>comparingInt(p -> p.get("yearToDate").get("unauthorised").asInt()).reversed();
            default -> byAttendance;
        };
        pupils.sort(order.thenComparing(p -> p.get("upn").asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode p : pupils) {
            JsonNode y = p.get("yearToDate");
            List<String> flags = new ArrayList<>();
            p.get("flags").forEach(f -> flags.add(PageModel.label(f.asText())));
            rows.add(Map.of("upn", p.get("upn").asText(), "attendance", PageModel.pct(y.get("attendancePct")),
                    "possible", y.get("possible").asInt(), "unauthorised", y.get("unauthorised").asInt(),
                    "authorised", y.get("authorised").asInt(), "flags", flags));
        }
        String shown = flag;
        Map<String, Object> m = PageModel.of(ctx, access, school.get("name").asText(), "overview", "/live?urn=" + enc(urn));
        m.put("urn", urn);
        m.put("name", school.get("name").asText());
        m.put("policy", school.get("policy").asText());
        m.put("pupils", rows);
        m.put("count", rows.size());
        m.put("flagLabel", flagLabel(shown));
        List<Map<String, Object>> filters = new ArrayList<>();
        for (String f : List.of("any", "persistent", "severe", "penalty-notice")) {
            filters.add(Map.of("label", flagLabel(f),
                    "href", "/schools/" + urn + "?flag=" + f + "&sort=" + sort, "current", f.equals(shown)));
        }
        m.put("filters", filters);
        List<Map<String, Object>> sorts = new ArrayList<>();
        for (String[] s : new String[][]{{"attendance", "Attendance (lowest first)"}, {"unauthorised", "Unauthorised sessions (most first)"}, {"upn", "UPN"}}) {
            sorts.add(Map.of("label", s[1], "href", "/schools/" + urn + "?flag=" + shown + "&sort=" + s[0], "current", s[0].equals(sort)));
        }
        m.put("sorts", sorts);
        ctx.html(pages.render("school", m));
    }

    void pupil(Context ctx) {
        String upn = ctx.pathParam("upn");
        if (Upn.problemWith(upn).isPresent()) throw new ApiError(404, "no such pupil");
        JsonNode pupil = api.get(ctx, "/api/v1/pupils/" + upn);
        JsonNode register = api.get(ctx, "/api/v1/pupils/" + upn + "/register");
        JsonNode cases = api.get(ctx, "/api/v1/cases?upn=" + upn);
        Map<String, Object> m = PageModel.of(ctx, access, "Pupil " + upn, "overview", "/live?upn=" + upn);
        m.put("upn", upn);
        m.put("urn", pupil.get("urn").asText());
        m.put("asOf", pupil.get("asOf").asText());
        List<Map<String, Object>> windows = new ArrayList<>();
        windows.add(window("Year to date", pupil.get("yearToDate")));
        for (JsonNode r : pupil.get("rolling")) windows.add(window("Last " + r.get("schoolWeeks").asInt() + " school weeks", r));
        m.put("windows", windows);
        List<String> flags = new ArrayList<>();
        pupil.get("flags").forEach(f -> flags.add(PageModel.label(f.asText())));
        m.put("flags", flags);
        m.put("weeks", Herringbone.weeks(register.get("marks")));
        List<Map<String, Object>> caseRows = new ArrayList<>();
        Map<String, Map<String, Object>> siblings = new LinkedHashMap<>();
        for (JsonNode c : cases) {
            caseRows.add(Map.of("id", c.get("id").asText(), "policy", c.get("policy").asText(), "stage", PageModel.label(c.get("stage").asText()),
                    "status", c.get("status").asText(), "openedOn", c.get("openedOn").asText(), "overdue", c.get("overdue").asBoolean()));
            if (!"open".equals(c.get("status").asText())) continue;
            for (Map<String, Object> s : PageModel.siblings(api.get(ctx, "/api/v1/cases/" + c.get("id").asText()).path("siblings"))) {
                siblings.put((String) s.get("upn"), s); // a sibling named on two cases is listed once
            }
        }
        m.put("cases", caseRows);
        m.put("siblings", new ArrayList<>(siblings.values()));
        m.put("hasSiblings", !siblings.isEmpty());
        ctx.html(pages.render("pupil", m));
    }

    void tasks(Context ctx) {
        JsonNode tasks = api.get(ctx, "/api/v1/tasks");
        List<Map<String, Object>> overdue = new ArrayList<>();
        List<Map<String, Object>> week = new ArrayList<>();
        for (JsonNode t : tasks) {
            Map<String, Object> r = Map.of("caseId", t.get("caseId").asText(), "upn", t.get("upn").asText(), "urn", t.get("urn").asText(),
                    "stage", PageModel.label(t.get("stage").asText()), "task", t.get("task").asText(),
                    "due", t.get("due").isNull() ? "–" : t.get("due").asText());
            (t.get("overdue").asBoolean() ? overdue : week).add(r);
        }
        Map<String, Object> m = PageModel.of(ctx, access, "Work queue", "tasks", "/live?scope=all");
        m.put("overdue", overdue);
        m.put("week", week);
        m.put("overdueCount", overdue.size());
        m.put("weekCount", week.size());
        ctx.html(pages.render("tasks", m));
    }

    private static String flagLabel(String flag) {
        return switch (flag) {
            case "any" -> "Any flag";
            case "penalty-notice" -> "Penalty-notice eligible";
            default -> PageModel.label(flag + " absence");
        };
    }

    private static Map<String, Object> window(String name, JsonNode c) {
        return Map.of("name", name, "possible", c.get("possible").asInt(), "attended", c.get("attended").asInt(),
                "authorised", c.get("authorised").asInt(), "unauthorised", c.get("unauthorised").asInt(),
                "attendance", PageModel.pct(c.get("attendancePct")));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
