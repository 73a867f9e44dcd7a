package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attendance.core.calendar.SchoolCalendar;

import java.time.LocalDate;
import java.util.List;

/**
 * The period a prosecution rests on (policies/README.md "Prosecution period"): it starts on the
 * first school day of the window whose figure met the criterion — the {@code window} school weeks
 * ending on the day the case enters {@code startsAt}, however the case got there (trigger or by
 * hand) — and lasts {@code length} calendar weeks, at most 26 (seed 001: "the 26 week prosecution
 * period"; 26 weeks is inside the six months s127 Magistrates' Courts Act 1980 allows for laying an
 * information, so no day of the period is out of time when it is laid by {@link #layBy}).
 */
public record ProsecutionPeriod(String startsAt, int windowWeeks, int lengthWeeks, String cite) {
    public static final int MAX_WEEKS = 26;

    @JsonCreator
    static ProsecutionPeriod of(@JsonProperty("startsAt") String startsAt, @JsonProperty("window") String window,
                                @JsonProperty("length") String length, @JsonProperty("cite") String cite) {
        if (startsAt == null) throw new IllegalArgumentException("prosecutionPeriod.startsAt: the stage whose entry fixes the period");
        Span w = Span.parse(window == null ? "" : window);
        if (w.unit() != Span.Unit.SCHOOL_WEEKS || w.count() < 1) {
            throw new IllegalArgumentException("prosecutionPeriod.window '" + window + "': write 'N school weeks' (the criterion's window)");
        }
        var m = java.util.regex.Pattern.compile("(\\d+) weeks").matcher(length == null ? "" : length.trim());
        if (!m.matches()) throw new IllegalArgumentException("prosecutionPeriod.length '" + length + "': write 'N weeks' (calendar weeks)");
        int weeks = Integer.parseInt(m.group(1));
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("prosecutionPeriod.length '" + length + "': at most " + MAX_WEEKS
                    + " weeks (seed 001's 26 week prosecution period, inside the six-month limit for laying an information)");
        }
        if (cite == null || cite.isBlank()) throw new IllegalArgumentException("prosecutionPeriod needs a cite");
        return new ProsecutionPeriod(startsAt, w.count(), weeks, cite);
    }

    /** The first school day of the {@code window} school weeks ending with the week of {@code entered}. */
    public LocalDate start(LocalDate entered, SchoolCalendar calendar) {
        List<LocalDate> weeks = calendar.schoolWeeksEndingWith(entered, windowWeeks);
        LocalDate first = calendar.firstSchoolDayOfWeek(weeks.get(weeks.size() - 1));
        return first.isAfter(entered) ? entered : first;
    }

    /** The last day of the period: {@code length} weeks from its start, that day included. */
    public LocalDate end(LocalDate start) {
        return start.plusWeeks(lengthWeeks).minusDays(1);
    }

    /** The last day an information can be laid with the period's first day still within six months (s127 MCA 1980). */
    public LocalDate layBy(LocalDate start) {
        return start.plusMonths(6);
    }
}
