package io.attendance.streams.cases;

import io.attendance.core.pupil.PupilCalendar;


import io.attendance.core.cases.CaseEnv;

import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeCategory;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.Roll;
import io.attendance.core.pupil.WeekCounters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's world read from the pupil's own state stores (week counters and standing-mark cells),
 * and the school record for its calendar and expected attendance.
 */
public final class PupilCaseEnv implements CaseEnv {
    private final String upn;
    private final School school;
    private SchoolCalendar calendar;
    private final WorkingDays workingDays;
    private final CodeTable codes;
    private final ReadOnlyKeyValueStore<String, PupilAttendance> pupils;
    private final ReadOnlyKeyValueStore<String, MarkCell> cells;
    private final ReadOnlyKeyValueStore<String, String> actionLog;

    private final java.util.function.Function<String, SchoolCalendar> calendars;
    /** The register as it stood at a moment, for a day end read late; null: as it stands (the week counters hold it). */
    private final MarksAsOf asOf;

    /** @param calendars every school's calendar by URN: a pupil who moved is counted on each school's own (PupilCalendar) */
    public PupilCaseEnv(String upn, School school, java.util.function.Function<String, SchoolCalendar> calendars, WorkingDays workingDays,
                        CodeTable codes, ReadOnlyKeyValueStore<String, PupilAttendance> pupils, ReadOnlyKeyValueStore<String, MarkCell> cells,
                        ReadOnlyKeyValueStore<String, String> actionLog) {
        this(upn, school, calendars, workingDays, codes, pupils, cells, actionLog, null);
    }

    /**
     * @param asOf when not null, every figure is counted from the register as it stood then (the standing marks and
     *             their history), not from the week counters, which hold every recording made since
     */
    public PupilCaseEnv(String upn, School school, java.util.function.Function<String, SchoolCalendar> calendars, WorkingDays workingDays,
                        CodeTable codes, ReadOnlyKeyValueStore<String, PupilAttendance> pupils, ReadOnlyKeyValueStore<String, MarkCell> cells,
                        ReadOnlyKeyValueStore<String, String> actionLog, MarksAsOf asOf) {
        this.asOf = asOf;
        this.upn = upn;
        this.school = school;
        this.calendars = calendars;
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
        if (calendar == null) {
            SchoolCalendar c = school == null ? null : io.attendance.core.pupil.PupilCalendar.of(pupil(), school.getUrn(), calendars);
            calendar = c == null ? SchoolCalendar.NONE : c;
        }
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
     * Every figure is counted from the marks dated up to "today" (the tick's day), never further: a
     * mark of a later day already counted (a replay reads ahead) must not change what the case saw
     * at the end of that day. Whole weeks come from the week counters (a bucket holds only its own
     * week's dates); the days of a partly covered week at either end are read from the standing marks.
     */

    @Override
    public SessionCounts schoolWeeks(LocalDate asOf, int n) {
        List<LocalDate> weeks = calendar().schoolWeeksEndingWith(asOf, n);
        return between(weeks.get(weeks.size() - 1), asOf);
    }

    @Override
    public boolean wholeSchoolWeeks(LocalDate asOf, int n) {
        List<LocalDate> weeks = calendar().schoolWeeksEndingWith(asOf, n);
        return weeks.size() == n && markedBy(calendar().firstSchoolDayOfWeek(weeks.get(weeks.size() - 1)));
    }

    @Override
    public boolean onRegisterFor(LocalDate asOf, int weeks) {
        if ((asOf != null || counters().isEmpty()) && firstMarked() == null) return false;
        LocalDate yearStart = SchoolCalendar.academicYearStart(asOf);
        int whole = 0;
        for (LocalDate monday = SchoolCalendar.weekOf(asOf).minusWeeks(1); !monday.isBefore(yearStart) && whole < weeks;
             monday = monday.minusWeeks(1)) {
            if (!calendar().isSchoolWeek(monday)) continue;
            if (!markedBy(calendar().firstSchoolDayOfWeek(monday))) break; // joined during or after this week
            whole++;
        }
        return whole >= weeks;
    }

    /**
     * Whether the pupil has a counted standing mark dated on or before {@code date}. A counted mark in
     * an earlier week's bucket says so without reading the marks; otherwise the earliest mark decides
     * (the counters keep two academic years, the marks every year, so only the marks can say no).
     */
    private boolean markedBy(LocalDate date) {
        if (asOf == null && counters().hasMarksBefore(WeekCounters.bucketOf(date))) return true;
        LocalDate first = firstMarked();
        return first != null && !first.isAfter(date);
    }

    /** The date of the pupil's earliest standing mark: when they came on the register. */
    private LocalDate firstMarked() {
        if (!firstMarkedRead) {
            firstMarkedRead = true;
            PupilAttendance pupil = pupil();
            if (asOf != null) {
                for (var kv : asOf.range(upn + '|', upn + "|~")) {
                    String[] k = kv.key.split("\\|");
                    if (pupil == null || Roll.counted(pupil, k[3])) {
                        firstMarked = io.attendance.core.calendar.IsoDates.parse(k[1]);
                        break;
                    }
                }
                return firstMarked;
            }
            try (KeyValueIterator<String, MarkCell> it = cells.range(upn + '|', upn + "|~")) {
                while (it.hasNext() && firstMarked == null) {
                    String[] k = it.next().key.split("\\|"); // upn|date|session|urn
                    if (pupil == null || Roll.counted(pupil, k[3])) firstMarked = io.attendance.core.calendar.IsoDates.parse(k[1]);
                }
            }
        }
        return firstMarked;
    }

    private LocalDate firstMarked;
    private boolean firstMarkedRead;

    @Override
    public SessionCounts yearToDate(LocalDate asOf) {
        return between(SchoolCalendar.academicYearStart(asOf), asOf);
    }

    @Override
    public SessionCounts between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return SessionCounts.ZERO;
        // the windows of a day's rules share their ends (today, this week): each span is counted once
        return spans.computeIfAbsent(span(from, to), k -> count(from, to));
    }

    private static long span(LocalDate from, LocalDate to) {
        return from.toEpochDay() << 32 | (to.toEpochDay() & 0xffff_ffffL);
    }

    private final java.util.Map<Long, SessionCounts> spans = new java.util.HashMap<>();

    private SessionCounts count(LocalDate from, LocalDate to) {
        if (asOf != null) return cells(from, to);
        LocalDate wholeFrom = WeekCounters.bucketOf(from).equals(from) ? from : WeekCounters.nextBucketStart(from);
        // No counted mark dated after `to` (the pupil's latest date only ever moves forward): the bucket holding
        // `to` holds no later day, so it counts whole, as the end-of-day pass on the day's own marks always finds.
        boolean nothingLater = nothingCountedAfter(to);
        LocalDate wholeUntil = nothingLater ? WeekCounters.nextBucketStart(to) : WeekCounters.bucketOf(to);
        if (!wholeFrom.isBefore(wholeUntil)) return cells(from, to);
        SessionCounts whole = plus(cells(from, wholeFrom.minusDays(1)), counters().wholeBuckets(wholeFrom, wholeUntil));
        return nothingLater ? whole : plus(whole, cells(wholeUntil, to));
    }

    /** Whether no counted standing mark is dated after {@code date}: every counted mark moves the pupil's latest date on. */
    private boolean nothingCountedAfter(LocalDate date) {
        PupilAttendance p = pupil();
        return p == null || !p.getLatestDate().isAfter(date);
    }

    private static SessionCounts plus(SessionCounts a, SessionCounts b) {
        return new SessionCounts(a.possible() + b.possible(), a.attended() + b.attended(),
                a.authorised() + b.authorised(), a.unauthorised() + b.unauthorised());
    }

    private WeekCounters counters() {
        if (counters == null) {
            PupilAttendance p = pupil();
            counters = p == null ? WeekCounters.empty() : WeekCounters.decode(p.getWeeks());
        }
        return counters;
    }

    private WeekCounters counters;

    /** The pupil's record, read once per evaluation: counters, counted cells and first mark all need it. */
    private PupilAttendance pupil() {
        if (!pupilRead) {
            pupilRead = true;
            pupil = pupils.get(upn);
        }
        return pupil;
    }

    private PupilAttendance pupil;
    private boolean pupilRead;

    /** The standing marks dated from..to (both included): a few days at most. */
    private SessionCounts cells(LocalDate from, LocalDate to) {
        int[] n = new int[4]; // possible, attended, authorised, unauthorised
        for (String code : countedCodes(from, to)) {
            CodeCategory cat = codes.categoryOf(code);
            if (!cat.possible()) continue;
            n[0]++;
            if (cat.attended()) n[1]++;
            else if (cat == CodeCategory.AUTHORISED) n[2]++;
            else n[3]++;
        }
        return new SessionCounts(n[0], n[1], n[2], n[3]);
    }

    /** The codes of the counted standing marks dated from..to, read from the store once per span and evaluation. */
    private List<String> countedCodes(LocalDate from, LocalDate to) {
        return codesBySpan.computeIfAbsent(span(from, to), k -> {
            List<String> read = new ArrayList<>();
            forEachCounted(from, to, cell -> read.add(cell.getCode()));
            return read;
        });
    }

    private final java.util.Map<Long, List<String>> codesBySpan = new java.util.HashMap<>();

    /** Each standing mark dated from..to (both included) from a school counted on the pupil's roll (Roll.counted). */
    private void forEachCounted(LocalDate from, LocalDate to, java.util.function.Consumer<MarkCell> each) {
        if (to.isBefore(from)) return;
        PupilAttendance pupil = pupil();
        if (asOf != null) {
            for (var kv : asOf.range(upn + '|' + from, upn + '|' + to + "|~")) {
                if (pupil != null && !Roll.counted(pupil, kv.key.substring(kv.key.lastIndexOf('|') + 1))) continue;
                each.accept(kv.value);
            }
            return;
        }
        try (KeyValueIterator<String, MarkCell> it = cells.range(upn + '|' + from, upn + '|' + to + "|~")) {
            while (it.hasNext()) {
                var kv = it.next();
                // upn|date|session|urn: a school not confirmed on the pupil's roll counts in no figure.
                if (pupil != null && !Roll.counted(pupil, kv.key.substring(kv.key.lastIndexOf('|') + 1))) continue;
                each.accept(kv.value);
            }
        }
    }

    @Override
    public int sessionsCoded(LocalDate from, LocalDate to, java.util.Collection<String> codes) {
        if (to.isBefore(from)) return 0;
        if (noneInCounters(from, to, codes)) return 0;
        int n = 0;
        for (String code : countedCodes(from, to)) if (codes.contains(code)) n++;
        return n;
    }

    /**
     * Whether the week counters already show none of these codes' sessions from..to: every code an
     * absence of one category, and the buckets covering the span (a superset of it) hold no such absence.
     */
    private boolean noneInCounters(LocalDate from, LocalDate to, java.util.Collection<String> wanted) {
        if (asOf != null) return false; // the counters hold recordings made since: the marks decide
        boolean authorised = false, unauthorised = false;
        for (String code : wanted) {
            // a policy's code the table does not know (policy files name them freely): no shortcut, the marks decide
            CodeCategory cat = codes.find(code).map(io.attendance.core.codes.AttendanceCode::category).orElse(null);
            if (cat == CodeCategory.AUTHORISED) authorised = true;
            else if (cat == CodeCategory.UNAUTHORISED) unauthorised = true;
            else return false;
        }
        SessionCounts around = counters().wholeBuckets(WeekCounters.bucketOf(from), WeekCounters.nextBucketStart(to));
        return (!authorised || around.authorised() == 0) && (!unauthorised || around.unauthorised() == 0);
    }

    @Override
    public List<LocalDate> actionLog(String action, String per) {
        String v = actionLog.get(actionLogKey(upn, action, per));
        List<LocalDate> out = new ArrayList<>();
        if (v != null && !v.isEmpty()) for (String d : v.split(",")) out.add(LocalDate.parse(d));
        return out;
    }
}
