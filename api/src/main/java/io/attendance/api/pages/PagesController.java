package io.attendance.api.pages;

import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.attendance.api.cases.CaseDetail;
import io.attendance.api.cases.CaseService;
import io.attendance.api.cases.CaseSummary;
import io.attendance.api.cases.TaskItem;
import io.attendance.api.pupils.Counts;
import io.attendance.api.pupils.PupilView;
import io.attendance.api.pupils.Register;
import io.attendance.api.pupils.SchoolPupils;
import io.attendance.api.query.Caller;
import io.attendance.api.schools.SchoolOverview;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.Upn;
import io.attendance.schemas.School;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LA overview, a school's flagged pupils, a pupil's register and the work queue, from the same
 * services the API answers with, as the signed-in viewer: a page shows exactly what its viewer could
 * fetch as JSON and nothing more.
 */
final class PagesController {
    private final Services services;
    private final PageRenderer pages;
    private final Access access;

    PagesController(Services services, PageRenderer pages, Access access) {
        this.services = services;
        this.pages = pages;
        this.access = access;
    }

    void overview(Context ctx) {
        List<SchoolOverview> schools = Services.waitingOutRebalance(() -> services.summaries().overview(Caller.of(ctx, access)));
        Map<String, Object> m = PageModel.of(ctx, access, "Attendance overview", "overview", "/live?scope=all");
        List<Map<String, Object>> rows = new ArrayList<>();
        int pupils = 0, pa = 0, sa = 0, open = 0, overdue = 0;
        for (SchoolOverview s : schools) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("urn", s.urn());
            r.put("name", s.name() == null ? s.urn() : s.name());
            r.put("pupils", s.pupils());
            r.put("attendance", PageModel.pct(s.attendancePct()));
            r.put("persistent", PageModel.pct(s.persistentAbsencePct()));
            r.put("severe", PageModel.pct(s.severeAbsencePct()));
            r.put("asOf", s.asOf() == null ? "–" : s.asOf());
            List<Map<String, Object>> stages = new ArrayList<>();
            s.openCasesByStage().forEach((stage, count) -> stages.add(Map.of("stage", PageModel.label(stage), "count", count)));
            r.put("stages", stages);
            r.put("openCases", s.openCases());
            r.put("overdueTasks", s.overdueTasks());
            r.put("hasOverdue", s.overdueTasks() > 0);
            rows.add(r);
            pupils += s.pupils();
            pa += s.persistentAbsence();
            sa += s.severeAbsence();
            open += s.openCases();
            overdue += s.overdueTasks();
        }
        m.put("schools", rows);
        m.put("schoolsWord", rows.size() == 1 ? "school" : "schools");
        m.put("totals", Map.of("schools", rows.size(), "pupils", pupils, "persistent", pa, "severe", sa, "open", open, "overdue", overdue,
                "anyOverdue", overdue > 0)); // Mustache treats 0 as true: the red card needs a real boolean
        m.put("trendSvg", TrendChart.svg(schools));
        List<Map<String, Object>> trend = new ArrayList<>();
        for (SchoolOverview s : schools) {
            for (SchoolOverview.Week w : s.trend()) {
                trend.add(Map.of("school", String.valueOf(s.name()), "week", w.week(), "attendance", PageModel.pct(w.attendancePct())));
            }
        }
        m.put("trend", trend);
        ctx.html(pages.render("overview", m));
    }

    void school(Context ctx) {
        String urn = ctx.pathParam("urn");
        School school = services.schools().school(urn);
        if (school == null || !Access.principal(ctx).reads(urn, school)) throw new ApiError(404, "no school " + urn);
        String flag = ctx.queryParam("flag");
        if (flag == null || !List.of("persistent", "severe", "penalty-notice").contains(flag)) flag = "any";
        String sort = ctx.queryParam("sort") == null ? "attendance" : ctx.queryParam("sort");
        Optional<Flag> only = flag.equals("any") ? Optional.empty() : Optional.of(Flag.fromQueryName(flag));
        SchoolPupils listed = Services.waitingOutRebalance(() -> services.pupils().schoolPupils(Caller.of(ctx, access), urn, only));
        List<SchoolPupils.Listed> pupils = new ArrayList<>();
        listed.pupils().forEach(p -> {
            if (!p.flags().isEmpty()) pupils.add(p); // flagged pupils only: "any" is any flag raised
        });
        Comparator<SchoolPupils.Listed> byAttendance = Comparator.comparingDouble(p -> p.yearToDate().attendancePct() == null
                ? 101 : p.yearToDate().attendancePct().doubleValue());
        Comparator<SchoolPupils.Listed> order = switch (sort) {
            case "upn" -> Comparator.comparing(SchoolPupils.Listed::upn);
            case "unauthorised" -> Comparator.<SchoolPupils.Listed>comparingInt(p -> p.yearToDate().unauthorised()).reversed();
            default -> byAttendance;
        };
        pupils.sort(order.thenComparing(SchoolPupils.Listed::upn));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SchoolPupils.Listed p : pupils) {
            Counts y = p.yearToDate();
            List<String> flags = p.flags().stream().map(PageModel::label).toList();
            rows.add(Map.of("upn", p.upn(), "page", services.links().pupilPage(p.upn()), "attendance", PageModel.pct(y.attendancePct()),
                    "possible", y.possible(), "unauthorised", y.unauthorised(),
                    "authorised", y.authorised(), "flags", flags));
        }
        String shown = flag;
        Map<String, Object> m = PageModel.of(ctx, access, school.getName(), "overview", "/live?urn=" + enc(urn));
        m.put("urn", urn);
        m.put("name", school.getName());
        m.put("policy", school.getPolicy());
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
        // the page's URL names the pupil by reference: no UPN in browser history or proxy logs
        String upn = services.links().upnOfPage(ctx.pathParam("ref"))
                .filter(u -> Upn.problemWith(u).isEmpty()).orElseThrow(() -> new ApiError(404, "no such pupil"));
        Caller caller = Caller.of(ctx, access);
        PupilView pupil = Services.waitingOutRebalance(() -> services.pupils().pupil(caller, upn));
        Register register = Services.waitingOutRebalance(() -> services.pupils().register(caller, upn));
        List<CaseSummary> cases = Services.waitingOutRebalance(() -> services.cases().cases(caller,
                new CaseService.Filter(null, upn, null, null, null)));
        io.attendance.api.audit.AccessAudit.reading(ctx, upn, pupil.urn(), "pupil", upn);
        // the title (kept in browser history) names no pupil; the page itself does
        Map<String, Object> m = PageModel.of(ctx, access, "Pupil", "overview", "/live?pupil=" + enc(ctx.pathParam("ref")));
        m.put("upn", upn);
        m.put("urn", pupil.urn());
        m.put("asOf", pupil.asOf());
        List<Map<String, Object>> windows = new ArrayList<>();
        windows.add(window("Year to date", pupil.yearToDate()));
        for (PupilView.Rolling r : pupil.rolling()) {
            windows.add(window("Last " + r.schoolWeeks() + " school weeks",
                    new Counts(r.possible(), r.attended(), r.authorised(), r.unauthorised(), r.attendancePct())));
        }
        m.put("windows", windows);
        m.put("flags", pupil.flags().stream().map(PageModel::label).toList());
        m.put("weeks", Herringbone.weeks(register.marks()));
        List<Map<String, Object>> caseRows = new ArrayList<>();
        Map<String, Map<String, Object>> siblings = new LinkedHashMap<>();
        for (CaseSummary c : cases) {
            caseRows.add(Map.of("id", c.id(), "page", services.links().casePage(c.id()), "policy", c.policy(), "stage", PageModel.label(c.stage()),
                    "status", c.status(), "openedOn", c.openedOn(), "overdue", c.overdue()));
            if (!"open".equals(c.status())) continue;
            CaseDetail detail = Services.waitingOutRebalance(() -> services.cases().caseDetail(caller, c.id()));
            for (Map<String, Object> s : PageModel.siblings(detail.siblings(), services.links())) {
                siblings.put((String) s.get("upn"), s); // a sibling named on two cases is listed once
            }
        }
        m.put("cases", caseRows);
        m.put("siblings", new ArrayList<>(siblings.values()));
        m.put("hasSiblings", !siblings.isEmpty());
        ctx.html(pages.render("pupil", m));
    }

    void tasks(Context ctx) {
        List<TaskItem> tasks = Services.waitingOutRebalance(() -> services.cases().tasks(Caller.of(ctx, access)));
        List<Map<String, Object>> overdue = new ArrayList<>();
        List<Map<String, Object>> week = new ArrayList<>();
        for (TaskItem t : tasks) {
            Map<String, Object> r = Map.of("caseId", t.caseId(), "page", services.links().casePage(t.caseId()), "upn", t.upn(), "urn", t.urn(),
                    "stage", PageModel.label(t.stage()), "task", t.task(), "due", t.due() == null ? "–" : t.due());
            (t.overdue() ? overdue : week).add(r);
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

    private static Map<String, Object> window(String name, Counts c) {
        return Map.of("name", name, "possible", c.possible(), "attended", c.attended(),
                "authorised", c.authorised(), "unauthorised", c.unauthorised(), "attendance", PageModel.pct(c.attendancePct()));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
