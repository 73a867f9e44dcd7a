package io.attendance.api.schools;

import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.WeekCounters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Each school's figures for the LA overview, summed over the pupils this instance holds: pupils,
 * year-to-date sessions, persistent and severe absence, open cases by stage, overdue tasks, and
 * attendance per school week of the year so far. Only counts travel between instances; the
 * percentages are worked out once every instance's counts are added up, so they stay exact.
 */
public final class SchoolSummaries {
    /** Weeks shown in a school's trend: the most recent school weeks of the year. */
    static final int TREND_WEEKS = 16;

    private final AttendanceQueries queries;
    private final io.attendance.api.query.InstanceRouter router;
    private final SchoolDirectory schools;

    public SchoolSummaries(AttendanceQueries queries, io.attendance.api.query.InstanceRouter router, SchoolDirectory schools) {
        this.queries = queries;
        this.router = router;
        this.schools = schools;
    }

    /** Counts for one school; mutable so that partial counts from several instances add up. */
    public static final class Summary {
        public String urn;
        public int pupils, possible, attended, persistent, severe, overdueTasks;
        public String asOf;
        public Map<String, Integer> openCasesByStage = new TreeMap<>();
        /** Monday of each school week → {possible, attended}. */
        public Map<String, int[]> weeks = new TreeMap<>();

        public Summary() {
        }

        Summary(String urn) {
            this.urn = urn;
        }

        public void add(Summary o) {
            pupils += o.pupils;
            possible += o.possible;
            attended += o.attended;
            persistent += o.persistent;
            severe += o.severe;
            overdueTasks += o.overdueTasks;
            if (o.asOf != null && (asOf == null || o.asOf.compareTo(asOf) > 0)) asOf = o.asOf;
            o.openCasesByStage.forEach((k, v) -> openCasesByStage.merge(k, v, Integer::sum));
            o.weeks.forEach((k, v) -> weeks.merge(k, v, (a, b) -> new int[]{a[0] + b[0], a[1] + b[1]}));
        }

        public BigDecimal attendancePct() {
            return pct(attended, possible);
        }

        public BigDecimal persistentPct() {
            return pct(persistent, pupils);
        }

        public BigDecimal severePct() {
            return pct(severe, pupils);
        }
    }

    public static BigDecimal pct(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /**
     * Every school in the caller's scope with its figures, summed over every instance: each answers
     * for the pupils and cases it holds, the one asked adds them up.
     */
    public List<SchoolOverview> overview(io.attendance.api.query.Caller caller) {
        Map<String, Summary> total = new TreeMap<>();
        for (String urn : schools.urns()) if (caller.sees().test(urn)) total.put(urn, new Summary());
        local(total::containsKey).forEach((urn, s) -> total.get(urn).add(s));
        for (SchoolOverview other : router.gather(caller, "/api/v1/schools", SchoolOverview.class, "sum its schools")) {
            Summary s = total.get(other.urn());
            if (s != null) s.add(other.summary());
        }
        List<SchoolOverview> out = new ArrayList<>();
        total.forEach((urn, s) -> out.add(SchoolOverview.of(urn, schools.school(urn), s)));
        return out;
    }

    /** This instance's share of every school that {@code inScope} admits. */
    public Map<String, Summary> local(Predicate<String> inScope) {
        Map<String, Summary> out = new TreeMap<>();
        Map<String, List<LocalDate>> trendWeeks = new java.util.HashMap<>();
        queries.forEachPupil(p -> {
            if (!inScope.test(p.getUrn())) return;
            SchoolCalendar calendar = schools.calendar(p.getUrn());
            if (calendar == null) calendar = SchoolCalendar.NONE;
            Summary s = out.computeIfAbsent(p.getUrn(), Summary::new);
            WeekCounters counters = WeekCounters.decode(p.getWeeks());
            SessionCounts ytd = counters.yearToDate(p.getAsOf());
            s.pupils++;
            s.possible += ytd.possible();
            s.attended += ytd.attended();
            var flags = PupilStats.storedFlags(p);
            if (flags.contains(Flag.PERSISTENT_ABSENCE)) s.persistent++;
            if (flags.contains(Flag.SEVERE_ABSENCE)) s.severe++;
            if (s.asOf == null || p.getAsOf().toString().compareTo(s.asOf) > 0) s.asOf = p.getAsOf().toString();
            SchoolCalendar cal = calendar;
            List<LocalDate> weeks = trendWeeks.computeIfAbsent(p.getUrn() + "|" + p.getAsOf(), k -> yearWeeks(cal, p.getAsOf()));
            for (LocalDate monday : weeks) {
                SessionCounts w = counters.wholeBuckets(WeekCounters.bucketOf(monday), WeekCounters.nextBucketStart(monday));
                if (w.possible() == 0) continue;
                s.weeks.merge(monday.toString(), new int[]{w.possible(), w.attended()}, (a, b) -> new int[]{a[0] + b[0], a[1] + b[1]});
            }
        });
        for (io.attendance.schemas.CaseListing c : queries.caseListings(null)) {
            if (!"open".equals(c.getStatus()) || !inScope.test(c.getUrn())) continue;
            Summary s = out.computeIfAbsent(c.getUrn(), Summary::new);
            s.openCasesByStage.merge(c.getStage(), 1, Integer::sum);
            s.overdueTasks += (int) c.getTasks().stream().filter(t -> t.getMissed() && !t.getDone()).count();
        }
        return out;
    }

    /** The school weeks of the academic year up to {@code asOf}, the latest {@link #TREND_WEEKS}. */
    static List<LocalDate> yearWeeks(SchoolCalendar calendar, LocalDate asOf) {
        List<LocalDate> weeks = new ArrayList<>(calendar.schoolWeeksEndingWith(asOf, TREND_WEEKS));
        LocalDate yearStart = SchoolCalendar.academicYearStart(asOf);
        weeks.removeIf(m -> m.plusDays(6).isBefore(yearStart));
        java.util.Collections.sort(weeks);
        return weeks;
    }
}
