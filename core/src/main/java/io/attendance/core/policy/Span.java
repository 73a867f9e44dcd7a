package io.attendance.core.policy;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as the procedures write it: "10 school days", "3 school weeks",
 * "5 working days", "28 calendar days", "3 years". School days and weeks count on the school's
 * own calendar; working days skip weekends and bank holidays.
 */
public record Span(int count, Unit unit) {
    public enum Unit {
        SCHOOL_DAYS("school days"), SCHOOL_WEEKS("school weeks"), WORKING_DAYS("working days"),
        CALENDAR_DAYS("calendar days"), YEARS("years");

        final String words;

        Unit(String words) {
            this.words = words;
        }
    }

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s+(school days?|school weeks?|working days?|calendar days?|years?)");

    public static Span parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a span: write N school days, N school weeks, "
                    + "N working days, N calendar days or N years");
        }
        String u = m.group(2).replaceAll("s$", "");
        Unit unit = switch (u) {
            case "school day" -> Unit.SCHOOL_DAYS;
            case "school week" -> Unit.SCHOOL_WEEKS;
            case "working day" -> Unit.WORKING_DAYS;
            case "calendar day" -> Unit.CALENDAR_DAYS;
            default -> Unit.YEARS;
        };
        return new Span(Integer.parseInt(m.group(1)), unit);
    }

    /**
     * The day this span after {@code from} ends. School weeks: the same weekday N school weeks
     * later, skipping weeks with no school day (a 3-school-week span over half-term is 4
     * calendar weeks). Past the end of the school's calendar, school days and weeks fall back to
     * calendar time so a deadline is never lost.
     */
    public LocalDate after(LocalDate from, SchoolCalendar calendar, WorkingDays workingDays) {
        return switch (unit) {
            case SCHOOL_DAYS -> calendar.schoolDaysAfter(from, count).orElse(from.plusDays(count * 7L / 5));
            case SCHOOL_WEEKS -> schoolWeeksAfter(from, calendar);
            case WORKING_DAYS -> workingDays.after(from, count);
            case CALENDAR_DAYS -> from.plusDays(count);
            case YEARS -> from.plusYears(count);
        };
    }

    private LocalDate schoolWeeksAfter(LocalDate from, SchoolCalendar calendar) {
        LocalDate d = from;
        int counted = 0;
        while (counted < count) {
            d = d.plusWeeks(1);
            if (d.isAfter(calendar.lastDay()) || calendar.isSchoolWeek(SchoolCalendar.weekOf(d))) counted++;
        }
        return d;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String toString() {
        return count + " " + (count == 1 ? unit.words.substring(0, unit.words.length() - 1) : unit.words);
    }
}
