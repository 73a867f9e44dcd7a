package io.attendance.core.calendar;

import io.attendance.schemas.School;
import io.attendance.schemas.Term;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A school's calendar is kept per academic year (1 August – 31 July): a change that sends this
 * year's terms replaces this year's terms, closures and bank-holiday openings and keeps every other
 * year, so "10 school weeks" can still reach back into last year (a penalty notice's window may
 * span school years) and a replay of last year runs on last year's calendar.
 */
public final class CalendarYears {
    private CalendarYears() {
    }

    /** {@code update} with the years of {@code existing} it does not speak of kept. */
    public static School merge(School existing, School update) {
        if (existing == null) return update;
        Set<LocalDate> years = new TreeSet<>();
        for (Term t : update.getTerms()) {
            for (LocalDate y = SchoolCalendar.academicYearStart(t.getStart()); !y.isAfter(t.getEnd()); y = y.plusYears(1)) years.add(y);
        }
        List<Term> terms = new ArrayList<>(update.getTerms());
        for (Term t : existing.getTerms()) if (!years.contains(SchoolCalendar.academicYearStart(t.getStart()))) terms.add(t);
        terms.sort(Comparator.comparing(Term::getStart));
        // set field by field: Avro's copying builder deep-copies through a class check the Term type fails
        return School.newBuilder().setUrn(update.getUrn()).setName(update.getName()).setLa(update.getLa())
                .setPolicy(update.getPolicy()).setExpectedAttendancePct(update.getExpectedAttendancePct()).setTerms(terms)
                .setClosures(keep(existing.getClosures(), update.getClosures(), years))
                .setOpensOn(keep(existing.getOpensOn(), update.getOpensOn(), years)).build();
    }

    private static List<LocalDate> keep(List<LocalDate> old, List<LocalDate> now, Set<LocalDate> years) {
        TreeSet<LocalDate> out = new TreeSet<>(now);
        for (LocalDate d : old) if (!years.contains(SchoolCalendar.academicYearStart(d))) out.add(d);
        return new ArrayList<>(out);
    }
}
