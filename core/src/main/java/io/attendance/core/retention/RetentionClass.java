package io.attendance.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

/**
 * One row of the retention table: a kind of record, how long it is kept and from when.
 *
 * @param keepDays  a period in calendar terms (P6Y), or null when kept by {@code keepTime} or for ever
 * @param keepTime  a period shorter than a day (PT1H), or null
 * @param files     a folder of files this class also covers ("outbox"), or null
 */
public record RetentionClass(String name, String what, Period keepDays, Duration keepTime, From from, String source,
                             List<String> topics, String files) {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    public enum From {
        /** The 31 August ending the school year (1 September - 31 August) of the record's date. */
        END_OF_SCHOOL_YEAR,
        /** The record's own time. */
        RECORDED
    }

    public boolean forever() {
        return keepDays == null && keepTime == null;
    }

    /** When a record made at {@code recorded} is due for deletion (null: never). */
    public Instant dueAt(Instant recorded) {
        if (forever()) return null;
        if (keepTime != null) return recorded.plus(keepTime);
        LocalDate date = recorded.atZone(LONDON).toLocalDate();
        LocalDate start = from == From.RECORDED ? date : endOfSchoolYear(date);
        // Due at the start of the day after the period ends: kept for every day of it.
        return start.plus(keepDays).plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    /** Is a record made at {@code recorded} due for deletion at {@code asOf}? */
    public boolean due(Instant recorded, Instant asOf) {
        Instant due = dueAt(recorded);
        return due != null && !asOf.isBefore(due);
    }

    /** 31 August ending the school year a date belongs to (September starts the next year). */
    public static LocalDate endOfSchoolYear(LocalDate date) {
        int year = date.getMonthValue() >= Month.SEPTEMBER.getValue() ? date.getYear() + 1 : date.getYear();
        return LocalDate.of(year, Month.AUGUST, 31);
    }

    /**
     * Kafka's {@code retention.ms} for this class: a backstop that never deletes a record before it is due
     * (Kafka deletes by the record's own time, so a year is added for end-of-school-year, and years and
     * months are counted long: 366 and 31 days). -1 for ever.
     */
    public long backstopMs() {
        if (forever()) return -1;
        if (keepTime != null) return keepTime.toMillis();
        long days = keepDays.getYears() * 366L + keepDays.getMonths() * 31L + keepDays.getDays()
                + (from == From.END_OF_SCHOOL_YEAR ? 366 : 0) + 1;
        return Duration.ofDays(days).toMillis();
    }

    /** "6 years from the end of the school year", as the README and dry-run say it. */
    public String describeKeep() {
        if (forever()) return "for ever";
        String p = keepTime != null ? keepTime.toString().substring(2).toLowerCase(java.util.Locale.ROOT) : describe(keepDays);
        return p + (from == From.END_OF_SCHOOL_YEAR ? " from the end of the school year" : " from the record's date");
    }

    private static String describe(Period p) {
        StringBuilder s = new StringBuilder();
        if (p.getYears() > 0) s.append(p.getYears()).append(p.getYears() == 1 ? " year" : " years");
        if (p.getMonths() > 0) s.append(s.isEmpty() ? "" : " ").append(p.getMonths()).append(p.getMonths() == 1 ? " month" : " months");
        if (p.getDays() > 0) s.append(s.isEmpty() ? "" : " ").append(p.getDays()).append(p.getDays() == 1 ? " day" : " days");
        return s.toString();
    }
}
