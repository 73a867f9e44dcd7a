package io.attendance.streams.cases;

import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.calendar.WorkingDays;
import io.attendance.streams.codes.CodeCategory;
import io.attendance.streams.codes.CodeTable;
import io.attendance.streams.pupil.SessionCounts;
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

    /*
     * Every figure is counted from the standing marks dated up to "today" (the tick's day), never
     * from the week counters: a mark of a later day already counted (a replay reads ahead) must not
     * change what the case saw at the end of that day. One scan per pupil and day serves every window.
     */

    @Override
    public SessionCounts schoolWeeks(LocalDate asOf, int n) {
        List<LocalDate> weeks = calendar.schoolWeeksEndingWith(asOf, n);
        return between(weeks.get(weeks.size() - 1), asOf);
    }

    @Override
    public SessionCounts yearToDate(LocalDate asOf) {
        return between(SchoolCalendar.academicYearStart(asOf), asOf);
    }

    @Override
    public SessionCounts between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return SessionCounts.ZERO;
        if (days == null || !to.equals(daysTo) || from.isBefore(daysFrom)) load(from, to);
        int[] t = new int[4];
        for (int[] c : days.subMap(from, true, to, true).values()) for (int i = 0; i < 4; i++) t[i] += c[i];
        return new SessionCounts(t[0], t[1], t[2], t[3]);
    }

    private java.util.TreeMap<LocalDate, int[]> days;
    private LocalDate daysFrom;
    private LocalDate daysTo;

    /** Reads the pupil's marks per day, from the earlier of {@code from} and a reach covering every usual window. */
    private void load(LocalDate from, LocalDate to) {
        LocalDate reach = SchoolCalendar.academicYearStart(to).minusWeeks(12);
        daysFrom = from.isBefore(reach) ? from : reach;
        daysTo = to;
        days = new java.util.TreeMap<>();
        try (KeyValueIterator<String, MarkCell> it = cells.range(upn + '|' + daysFrom, upn + '|' + to + "|~")) {
            while (it.hasNext()) {
                KeyValue<String, MarkCell> kv = it.next();
                CodeCategory cat = codes.categoryOf(kv.value.getCode());
                if (!cat.possible()) continue;
                int[] c = days.computeIfAbsent(LocalDate.parse(kv.key.substring(upn.length() + 1, upn.length() + 11)), d -> new int[4]);
                c[0]++;
                if (cat.attended()) c[1]++;
                else if (cat == CodeCategory.AUTHORISED) c[2]++;
                else c[3]++;
            }
        }
    }

    @Override
    public List<LocalDate> actionLog(String action, String per) {
        String v = actionLog.get(actionLogKey(upn, action, per));
        List<LocalDate> out = new ArrayList<>();
        if (v != null && !v.isEmpty()) for (String d : v.split(",")) out.add(LocalDate.parse(d));
        return out;
    }
}
