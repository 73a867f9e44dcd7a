package io.attendance.streams.cases;

import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.calendar.WorkingDays;
import io.attendance.streams.codes.CodeCategory;
import io.attendance.streams.codes.CodeTable;
import io.attendance.streams.pupil.SessionCounts;
import io.attendance.streams.pupil.WeekCounters;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's world read from the pupil's own state stores: week counters for school-week windows and
 * the year to date, the standing-mark cells for exact date ranges (monitoring periods), the school
 * record for its calendar and expected attendance.
 */
public final class PupilCaseEnv implements CaseEnv {
    private final String upn;
    private final School school;
    private final SchoolCalendar calendar;
    private final WorkingDays workingDays;
    private final CodeTable codes;
    private final ReadOnlyKeyValueStore<String, PupilAttendance> pupils;
    private final ReadOnlyKeyValueStore<String, MarkCell> cells;
    private final ReadOnlyKeyValueStore<String, String> actionLog;
    private WeekCounters counters;

    public PupilCaseEnv(String upn, School school, SchoolCalendar calendar, WorkingDays workingDays, CodeTable codes,
                        ReadOnlyKeyValueStore<String, PupilAttendance> pupils, ReadOnlyKeyValueStore<String, MarkCell> cells,
                        ReadOnlyKeyValueStore<String, String> actionLog) {
        this.upn = upn;
        this.school = school;
        this.calendar = calendar == null ? SchoolCalendar.NONE : calendar;
        this.workingDays = workingDays;
        this.codes = codes;
        this.pupils = pupils;
        this.cells = cells;
        this.actionLog = actionLog;
    }

    public static String actionLogKey(String upn, String action, String per) {
        return upn + '|' + action + '|' + per;
    }

    @Override
    public SchoolCalendar calendar() {
        return calendar;
    }

    @Override
    public WorkingDays workingDays() {
        return workingDays;
    }

    @Override
    public BigDecimal schoolExpectedPct() {
        return school == null ? BigDecimal.valueOf(100) : BigDecimal.valueOf(school.getExpectedAttendancePct());
    }

    private WeekCounters counters() {
        if (counters == null) {
            PupilAttendance p = pupils.get(upn);
            counters = p == null ? WeekCounters.empty() : WeekCounters.decode(p.getWeeks());
        }
        return counters;
    }

    @Override
    public SessionCounts schoolWeeks(LocalDate asOf, int n) {
        return counters().rolling(calendar, asOf, n);
    }

    @Override
    public SessionCounts yearToDate(LocalDate asOf) {
        return counters().yearToDate(asOf);
    }

    @Override
    public SessionCounts between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return SessionCounts.ZERO;
        int possible = 0, attended = 0, authorised = 0, unauthorised = 0;
        try (KeyValueIterator<String, MarkCell> it = cells.range(upn + '|' + from, upn + '|' + to + "|~")) {
            while (it.hasNext()) {
                KeyValue<String, MarkCell> kv = it.next();
                CodeCategory cat = codes.categoryOf(kv.value.getCode());
                if (!cat.possible()) continue;
                possible++;
                if (cat.attended()) attended++;
                else if (cat == CodeCategory.AUTHORISED) authorised++;
                else unauthorised++;
            }
        }
        return new SessionCounts(possible, attended, authorised, unauthorised);
    }

    @Override
    public List<LocalDate> actionLog(String action, String per) {
        String v = actionLog.get(actionLogKey(upn, action, per));
        List<LocalDate> out = new ArrayList<>();
        if (v != null && !v.isEmpty()) for (String d : v.split(",")) out.add(LocalDate.parse(d));
        return out;
    }
}
