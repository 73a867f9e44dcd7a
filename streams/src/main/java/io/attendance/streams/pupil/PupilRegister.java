package io.attendance.streams.pupil;

import io.attendance.schemas.DayMarks;
import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.Session;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.codes.CodeCategory;
import io.attendance.streams.codes.CodeTable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A pupil's live register: the one mark standing for each (school, date, session). Counts are
 * always derived from the marks that stand, so an amendment replaces the old mark's contribution
 * exactly and a duplicate changes nothing.
 */
public final class PupilRegister {
    private static final Comparator<DayMarks> ORDER =
            Comparator.comparing(DayMarks::getDate).thenComparing(DayMarks::getUrn);

    private final PupilAttendance state;

    public PupilRegister(PupilAttendance state) {
        this.state = state;
        if (!(state.getDays() instanceof ArrayList)) state.setDays(new ArrayList<>(state.getDays()));
    }

    public static PupilRegister empty(String upn, String urn, LocalDate asOf) {
        return new PupilRegister(PupilAttendance.newBuilder()
                .setUpn(upn).setUrn(urn).setAsOf(asOf).setDays(new ArrayList<>()).setFlags(new ArrayList<>())
                .build());
    }

    public PupilAttendance state() {
        return state;
    }

    /**
     * Records a mark. The newest recording of a session wins; an older recording arriving late is
     * ignored (returns false), as is an exact duplicate.
     */
    public boolean record(String urn, LocalDate date, Session session, String code, Instant recordedAt) {
        List<DayMarks> days = state.getDays();
        int i = find(date, urn);
        DayMarks day;
        if (i >= 0) {
            day = days.get(i);
        } else {
            day = new DayMarks(date, urn, null, null);
            days.add(-i - 1, day);
        }
        MarkCell standing = session == Session.AM ? day.getAm() : day.getPm();
        if (standing != null) {
            int newer = recordedAt.compareTo(standing.getRecordedAt());
            if (newer < 0) return false;
            if (newer == 0 && standing.getCode().equals(code)) return false;
        }
        MarkCell cell = new MarkCell(code, recordedAt);
        if (session == Session.AM) day.setAm(cell); else day.setPm(cell);
        return true;
    }

    /** Removes the mark for a session (a tombstone on the marks changelog). False when none stood. */
    public boolean retract(String urn, LocalDate date, Session session) {
        int i = find(date, urn);
        if (i < 0) return false;
        DayMarks day = state.getDays().get(i);
        boolean had = (session == Session.AM ? day.getAm() : day.getPm()) != null;
        if (session == Session.AM) day.setAm(null); else day.setPm(null);
        if (day.getAm() == null && day.getPm() == null) state.getDays().remove(i);
        return had;
    }

    private int find(LocalDate date, String urn) {
        List<DayMarks> days = state.getDays();
        int lo = 0, hi = days.size() - 1;
        DayMarks probe = new DayMarks(date, urn, null, null);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = ORDER.compare(days.get(mid), probe);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    /** The latest date with a mark at a school, or null. */
    public LocalDate latestDateAt(String urn) {
        List<DayMarks> days = state.getDays();
        for (int i = days.size() - 1; i >= 0; i--) {
            if (days.get(i).getUrn().equals(urn)) return days.get(i).getDate();
        }
        return null;
    }

    /** Drops marks from before the previous academic year: no window or YTD figure reaches them. */
    public void prune(LocalDate latest) {
        LocalDate keepFrom = SchoolCalendar.academicYearStart(latest).minusYears(1);
        state.getDays().removeIf(d -> d.getDate().isBefore(keepFrom));
    }

    public SessionCounts yearToDate(CodeTable codes, LocalDate asOf) {
        LocalDate from = SchoolCalendar.academicYearStart(asOf);
        return count(codes, d -> !d.getDate().isBefore(from) && !d.getDate().isAfter(asOf));
    }

    /** Sessions in the last {@code n} school weeks of the calendar, ending with the week of {@code asOf}. */
    public SessionCounts rolling(CodeTable codes, SchoolCalendar calendar, LocalDate asOf, int n) {
        Set<LocalDate> weeks = new HashSet<>(calendar.schoolWeeksEndingWith(asOf, n));
        return count(codes, d -> !d.getDate().isAfter(asOf) && weeks.contains(SchoolCalendar.weekOf(d.getDate())));
    }

    private SessionCounts count(CodeTable codes, Predicate<DayMarks> inSpan) {
        int[] c = new int[4];
        for (DayMarks d : state.getDays()) {
            if (!inSpan.test(d)) continue;
            add(codes, d.getAm(), c);
            add(codes, d.getPm(), c);
        }
        return new SessionCounts(c[0], c[1], c[2], c[3]);
    }

    private static void add(CodeTable codes, MarkCell cell, int[] c) {
        if (cell == null) return;
        CodeCategory category = codes.categoryOf(cell.getCode());
        if (!category.possible()) return;
        c[0]++;
        if (category.attended()) c[1]++;
        else if (category == CodeCategory.AUTHORISED) c[2]++;
        else c[3]++;
    }
}
