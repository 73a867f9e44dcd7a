package io.attendance.api.schools;

import io.attendance.schemas.School;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One school's figures in GET /api/v1/schools: its pupils, absence, open cases by stage and a weekly trend. */
public record SchoolOverview(String urn, String name, String la, String policy, String asOf, int pupils, int possible, int attended,
                             BigDecimal attendancePct, int persistentAbsence, BigDecimal persistentAbsencePct, int severeAbsence,
                             BigDecimal severeAbsencePct, Map<String, Integer> openCasesByStage, int openCases, int overdueTasks,
                             List<Week> trend) {

    /** One school week (its Monday): sessions possible and attended. */
    public record Week(String week, int possible, int attended, BigDecimal attendancePct) {
    }

    static SchoolOverview of(String urn, School school, SchoolSummaries.Summary s) {
        List<Week> trend = new ArrayList<>();
        s.weeks.forEach((week, c) -> trend.add(new Week(week, c[0], c[1], SchoolSummaries.pct(c[1], c[0]))));
        return new SchoolOverview(urn, school == null ? null : school.getName(), school == null ? null : school.getLa(),
                school == null ? null : school.getPolicy(), s.asOf, s.pupils, s.possible, s.attended, s.attendancePct(), s.persistent,
                s.persistentPct(), s.severe, s.severePct(), s.openCasesByStage,
                s.openCasesByStage.values().stream().mapToInt(Integer::intValue).sum(), s.overdueTasks, trend);
    }

    /** Another instance's share, to add to this one's. */
    SchoolSummaries.Summary summary() {
        SchoolSummaries.Summary s = new SchoolSummaries.Summary();
        s.pupils = pupils;
        s.possible = possible;
        s.attended = attended;
        s.persistent = persistentAbsence;
        s.severe = severeAbsence;
        s.overdueTasks = overdueTasks;
        s.asOf = asOf;
        s.openCasesByStage.putAll(openCasesByStage);
        for (Week w : trend) s.weeks.put(w.week(), new int[]{w.possible(), w.attended()});
        return s;
    }
}
