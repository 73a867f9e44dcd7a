package io.attendance.core.calendar;

import io.attendance.schemas.School;
import io.attendance.schemas.Term;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One school's calendar: a school day is a weekday inside a term and not a closure
 * (INSET day, other closure, or a bank holiday the school does not open on). A school week is a Monday-to-Sunday week with at
 * least one school day. "N school weeks" and "N school days" in the procedures are counted here,
 * never as calendar time.
 */
public final class SchoolCalendar {
    private final List<Term> terms;
    private final Set<LocalDate> closures;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    /** (Monday of the as-of week, n) → school weeks: every mark of a day asks the same question. */
    private final java.util.concurrent.ConcurrentHashMap<Long, List<LocalDate>> windows = new java.util.concurrent.ConcurrentHashMap<>();

    /** For a school no longer known: no school weeks before the as-of week, so windows hold only that week. */
    public static final SchoolCalendar NONE = new SchoolCalendar(List.of(), List.of());

    public SchoolCalendar(List<Term> terms, Iterable<LocalDate> closures) {
        this.terms = List.copyOf(terms);
        this.closures = new HashSet<>();
        closures.forEach(this.closures::add);
        this.firstDay = terms.stream().map(Term::getStart).min(LocalDate::compareTo).orElse(LocalDate.MAX);
        this.lastDay = terms.stream().map(Term::getEnd).max(LocalDate::compareTo).orElse(LocalDate.MIN);
    }

    /**
     * A school's calendar: its terms, less its closures and England's bank holidays — a bank holiday
     * is no school day unless the school says it opens on it ({@code opensOn}), whether or not its
     * closures list it.
     */
    public static SchoolCalendar of(School school) {
        return of(school, WorkingDays.england());
    }

    public static SchoolCalendar of(School school, WorkingDays workingDays) {
        Set<LocalDate> closed = new HashSet<>(school.getClosures());
        Set<LocalDate> opens = new HashSet<>(school.getOpensOn());
        for (LocalDate d : workingDays.bankHolidays()) if (!opens.contains(d)) closed.add(d);
        return new SchoolCalendar(school.getTerms(), closed);
    }

    /** This calendar's school days from {@code from} to {@code to} only (null: open-ended). */
    public SchoolCalendar between(LocalDate from, LocalDate to) {
        LocalDate lo = from == null ? LocalDate.MIN : from, hi = to == null ? LocalDate.MAX : to;
        List<Term> clipped = new ArrayList<>();
        for (Term t : terms) {
            LocalDate s = t.getStart().isBefore(lo) ? lo : t.getStart();
            LocalDate e = t.getEnd().isAfter(hi) ? hi : t.getEnd();
            if (!e.isBefore(s)) clipped.add(new Term(s, e));
        }
        List<LocalDate> closed = closures.stream().filter(d -> !d.isBefore(lo) && !d.isAfter(hi)).toList();
        return new SchoolCalendar(clipped, closed);
    }

    /**
     * One pupil's calendar across schools: each part covers its own dates (see {@link #between}), so
     * the weeks at each school are counted on that school's calendar.
     */
    public static SchoolCalendar join(List<SchoolCalendar> parts) {
        List<Term> terms = new ArrayList<>();
        Set<LocalDate> closed = new HashSet<>();
        for (SchoolCalendar c : parts) {
            terms.addAll(c.terms);
            closed.addAll(c.closures);
        }
        return new SchoolCalendar(terms, closed);
    }

    /** The last day of the last term the calendar knows (LocalDate.MIN when it knows none). */
    public LocalDate lastDay() {
        return lastDay;
    }

    public boolean isSchoolDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) return false;
        if (closures.contains(date)) return false;
        for (Term t : terms) {
            if (!date.isBefore(t.getStart()) && !date.isAfter(t.getEnd())) return true;
        }
        return false;
    }

    /** A weekday inside one of the terms, whether or not the school is open on it (closures and bank holidays are). */
    public boolean inTerm(LocalDate date) {
        if (date.getDayOfWeek().getValue() > 5) return false;
        for (Term t : terms) {
            if (!date.isBefore(t.getStart()) && !date.isAfter(t.getEnd())) return true;
        }
        return false;
    }

    public static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The first school day of the week starting {@code monday} (that week must be a school week). */
    public LocalDate firstSchoolDayOfWeek(LocalDate monday) {
        for (int i = 0; i < 5; i++) {
            if (isSchoolDay(monday.plusDays(i))) return monday.plusDays(i);
        }
        return monday;
    }

    public boolean isSchoolWeek(LocalDate monday) {
        for (int i = 0; i < 5; i++) {
            if (isSchoolDay(monday.plusDays(i))) return true;
        }
        return false;
    }

    /**
     * The Mondays of the last {@code n} school weeks ending with the week of {@code asOf}
     * (that week included whether or not it has a school day yet), newest first. Fewer than
     * {@code n} when the calendar holds no earlier school weeks.
     */
    public List<LocalDate> schoolWeeksEndingWith(LocalDate asOf, int n) {
        long key = weekOf(asOf).toEpochDay() * 1000 + n;
        List<LocalDate> cached = windows.get(key);
        if (cached != null) return cached;
        List<LocalDate> weeks = computeWeeks(asOf, n);
        if (windows.size() < 4096) windows.put(key, weeks);
        return weeks;
    }

    private List<LocalDate> computeWeeks(LocalDate asOf, int n) {
        List<LocalDate> weeks = new ArrayList<>(n);
        LocalDate monday = weekOf(asOf);
        weeks.add(monday);
        while (weeks.size() < n) {
            monday = monday.minusWeeks(1);
            if (monday.isBefore(weekOf(firstDay))) break;
            if (isSchoolWeek(monday)) weeks.add(monday);
        }
        return List.copyOf(weeks);
    }

    /** The n-th school day after {@code from} (from itself not counted); empty past the calendar's end. */
    public java.util.Optional<LocalDate> schoolDaysAfter(LocalDate from, int n) {
        LocalDate d = from;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (d.isAfter(lastDay)) return java.util.Optional.empty();
            if (isSchoolDay(d)) counted++;
        }
        return java.util.Optional.of(d);
    }

    /** 1 August: the first day of the academic year a date falls in (English school years run Aug–Jul). */
    public static LocalDate academicYearStart(LocalDate date) {
        int year = date.getMonthValue() >= Month.AUGUST.getValue() ? date.getYear() : date.getYear() - 1;
        return LocalDate.of(year, Month.AUGUST, 1);
    }
}
