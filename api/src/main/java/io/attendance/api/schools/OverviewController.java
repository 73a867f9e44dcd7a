package io.attendance.api.schools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.auth.Access;
import io.attendance.api.query.InstanceRouter;
import io.attendance.schemas.School;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /api/v1/schools: every school in the caller's scope with its figures, summed over every
 * instance (each instance answers for the pupils and cases it holds; the one asked adds them up).
 */
public final class OverviewController {
    private final SchoolSummaries summaries;
    private final SchoolDirectory schools;
    private final InstanceRouter router;
    private final Access access;
    private final ObjectMapper json;

    public OverviewController(SchoolSummaries summaries, SchoolDirectory schools, InstanceRouter router, Access access, ObjectMapper json) {
        this.summaries = summaries;
        this.schools = schools;
        this.router = router;
        this.access = access;
        this.json = json;
    }

    public void list(Context ctx) throws Exception {
        Map<String, SchoolSummaries.Summary> total = new TreeMap<>();
        for (String urn : schools.urns()) if (access.sees(ctx, urn)) total.put(urn, new SchoolSummaries.Summary());
        summaries.local(total::containsKey).forEach((urn, s) -> total.get(urn).add(s));
        for (String answer : router.askOthers(ctx, "sum its schools")) {
            for (JsonNode n : json.readTree(answer)) {
                SchoolSummaries.Summary s = total.get(n.get("urn").asText());
                if (s != null) s.add(parse(n));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        total.forEach((urn, s) -> out.add(toJson(urn, schools.school(urn), s)));
        ctx.json(out);
    }

    private static Map<String, Object> toJson(String urn, School school, SchoolSummaries.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("urn", urn);
        m.put("name", school == null ? null : school.getName());
        m.put("la", school == null ? null : school.getLa());
        m.put("policy", school == null ? null : school.getPolicy());
        m.put("asOf", s.asOf);
        m.put("pupils", s.pupils);
        m.put("possible", s.possible);
        m.put("attended", s.attended);
        m.put("attendancePct", s.attendancePct());
        m.put("persistentAbsence", s.persistent);
        m.put("persistentAbsencePct", s.persistentPct());
        m.put("severeAbsence", s.severe);
        m.put("severeAbsencePct", s.severePct());
        m.put("openCasesByStage", s.openCasesByStage);
        m.put("openCases", s.openCasesByStage.values().stream().mapToInt(Integer::intValue).sum());
        m.put("overdueTasks", s.overdueTasks);
        List<Map<String, Object>> trend = new ArrayList<>();
        s.weeks.forEach((week, c) -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("week", week);
            w.put("possible", c[0]);
            w.put("attended", c[1]);
            w.put("attendancePct", SchoolSummaries.pct(c[1], c[0]));
            trend.add(w);
        });
        m.put("trend", trend);
        return m;
    }

    private static SchoolSummaries.Summary parse(JsonNode n) {
        SchoolSummaries.Summary s = new SchoolSummaries.Summary();
        s.pupils = n.get("pupils").asInt();
        s.possible = n.get("possible").asInt();
        s.attended = n.get("attended").asInt();
        s.persistent = n.get("persistentAbsence").asInt();
        s.severe = n.get("severeAbsence").asInt();
        s.overdueTasks = n.get("overdueTasks").asInt();
        s.asOf = n.get("asOf").isNull() ? null : n.get("asOf").asText();
        n.get("openCasesByStage").fields().forEachRemaining(e -> s.openCasesByStage.put(e.getKey(), e.getValue().asInt()));
        for (JsonNode w : n.get("trend")) s.weeks.put(w.get("week").asText(), new int[]{w.get("possible").asInt(), w.get("attended").asInt()});
        return s;
    }
}
