package io.attendance.core.courtpack;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeCategory;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.pupil.SessionCounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The register week by week, as schools print it for court ("the herringbone"): Monday AM to Friday
 * PM, each session's standing code with what it counts as, the school's closures and holidays, and
 * the week's and the running totals. Built from the marks alone: the figures are counted here from
 * the cells shown, never taken from elsewhere, so the page and its totals cannot disagree.
 */
public final class Herringbone {
    /** What a weekday session is on the school's calendar, and so what its cell shows. */
    public enum Kind {
        /** A mark stands for the session. */
        MARK,
        /** A school day with no mark recorded (yet). */
        NO_MARK,
        /** Inside a term but the school is closed (INSET day, closure, bank holiday). */
        CLOSED,
        /** Outside the school's terms. */
        HOLIDAY,
        /** Before the span's first day or after its last (the register shown runs to the school's last ended day). */
        OUTSIDE
    }

    /** One AM or PM cell; {@code code}, {@code category} and {@code entry} only for a mark. */
    public record Cell(LocalDate date, String session, Kind kind, String code, CodeCategory category, RegisterEntry entry) {
    }

    /** A Monday-to-Friday row: ten cells, the week's figures and the figures from the first week shown to this one. */
    public record Week(LocalDate monday, List<Cell> cells, SessionCounts week, SessionCounts cumulative) {
    }

    private Herringbone() {
    }

    /**
     * The weeks from the one holding {@code from} to the one holding {@code to}; only sessions inside
     * [from, to] are shown and counted.
     */
    public static List<Week> weeks(List<RegisterEntry> register, SchoolCalendar calendar, CodeTable codes, LocalDate from, LocalDate to) {
        // A session may stand at two counted schools (a dual registration: one of them D): both count, as the engine counts them.
        Map<String, List<RegisterEntry>> bySession = new HashMap<>();
        for (RegisterEntry e : register) if (!e.retracted()) bySession.computeIfAbsent(e.date() + e.session(), k -> new ArrayList<>()).add(e);
        List<Week> out = new ArrayList<>();
        SessionCounts running = SessionCounts.ZERO;
        for (LocalDate monday = SchoolCalendar.weekOf(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            List<Cell> cells = new ArrayList<>(10);
            SessionCounts week = SessionCounts.ZERO;
            for (int day = 0; day < 5; day++) {
                LocalDate d = monday.plusDays(day);
                for (String session : List.of("AM", "PM")) {
                    List<RegisterEntry> here = bySession.getOrDefault(d + session, List.of());
                    boolean inSpan = !d.isBefore(from) && !d.isAfter(to);
                    if (inSpan && !here.isEmpty()) {
                        RegisterEntry e = shown(here);
                        cells.add(new Cell(d, session, Kind.MARK, e.standing().code(), codes.categoryOf(e.standing().code()), e));
                        for (RegisterEntry each : here) week = plus(week, codes.categoryOf(each.standing().code()));
                    } else {
                        Kind kind = !inSpan ? Kind.OUTSIDE : !calendar.inTerm(d) ? Kind.HOLIDAY : calendar.isSchoolDay(d) ? Kind.NO_MARK : Kind.CLOSED;
                        cells.add(new Cell(d, session, kind, null, null, null));
                    }
                }
            }
            running = sum(running, week);
            out.add(new Week(monday, List.copyOf(cells), week, running));
        }
        return out;
    }

    /** Of a session's marks at two schools, the one that is possible (the other is the dual registration's D). */
    private static RegisterEntry shown(List<RegisterEntry> marks) {
        return marks.size() == 1 ? marks.get(0) : marks.stream().filter(m -> !m.standing().code().equals("D")).findFirst().orElse(marks.get(0));
    }

    /** The figures over [from, to], counted from the register as {@link #weeks} counts them. */
    public static SessionCounts figures(List<RegisterEntry> register, CodeTable codes, LocalDate from, LocalDate to) {
        SessionCounts total = SessionCounts.ZERO;
        for (RegisterEntry e : register) {
            if (e.retracted() || e.date().isBefore(from) || e.date().isAfter(to) || e.date().getDayOfWeek().getValue() > 5) continue;
            total = plus(total, codes.categoryOf(e.standing().code()));
        }
        return total;
    }

    private static SessionCounts plus(SessionCounts c, CodeCategory category) {
        return new SessionCounts(c.possible() + (category.possible() ? 1 : 0), c.attended() + (category.attended() ? 1 : 0),
                c.authorised() + (category == CodeCategory.AUTHORISED ? 1 : 0), c.unauthorised() + (category == CodeCategory.UNAUTHORISED ? 1 : 0));
    }

    private static SessionCounts sum(SessionCounts a, SessionCounts b) {
        return new SessionCounts(a.possible() + b.possible(), a.attended() + b.attended(), a.authorised() + b.authorised(),
                a.unauthorised() + b.unauthorised());
    }
}
