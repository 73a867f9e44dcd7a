package io.attendance.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days: Monday to Friday except bank holidays. The bank holidays are data
 * ({@code bank-holidays-england.csv}, from GOV.UK's published list), so a new year is a file change.
 */
public final class WorkingDays {
    private final TreeSet<LocalDate> bankHolidays;

    public WorkingDays(Set<LocalDate> bankHolidays) {
        this.bankHolidays = new TreeSet<>(bankHolidays);
    }

    private static volatile WorkingDays england;

    /** England's bank holidays (read once: the file is part of the release). */
    public static WorkingDays england() {
        WorkingDays w = england;
        if (w == null) england = w = readEngland();
        return w;
    }

    private static WorkingDays readEngland() {
        try (InputStream in = WorkingDays.class.getResourceAsStream("/bank-holidays-england.csv")) {
            if (in == null) throw new IllegalStateException("bank-holidays-england.csv is missing from the classpath");
            return read(in, "bank-holidays-england.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "yyyy-mm-dd,name"; '#' starts a comment. */
    public static WorkingDays read(InputStream in, String name) throws IOException {
        Set<LocalDate> days = new TreeSet<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("date,")) continue;
            try {
                days.add(LocalDate.parse(s.split(",", 2)[0].strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " line " + n + ": not a date: " + s);
            }
        }
        return new WorkingDays(days);
    }

    public java.util.SortedSet<LocalDate> bankHolidays() {
        return java.util.Collections.unmodifiableSortedSet(bankHolidays);
    }

    public boolean isWorkingDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !bankHolidays.contains(d);
    }

    /** The n-th working day after {@code from} (from not counted). */
    public LocalDate after(LocalDate from, int n) {
        LocalDate d = from;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) counted++;
        }
        return d;
    }
}
