package io.attendance.streams.testing;

import io.attendance.schemas.School;
import io.attendance.schemas.Term;

import java.time.LocalDate;
import java.util.List;

/** Real-looking school calendars for tests, with the dates worked out by hand in each test. */
public final class DemoCalendars {
    public static final String RIVERSIDE = "100001";
    public static final String HILLTOP = "100002";

    private DemoCalendars() {
    }

    /**
     * Autumn term 2025: Wed 3 Sep – Fri 24 Oct, half-term 27–31 Oct, Mon 3 Nov INSET day,
     * Tue 4 Nov – Fri 19 Dec.
     */
    public static School riverside() {
        return School.newBuilder()
                .setUrn(RIVERSIDE).setName("Riverside Primary School").setLa("Norfolk")
                .setPolicy("norfolk-quick-guide").setExpectedAttendancePct(96.0)
                .setTerms(List.of(term("2025-09-03", "2025-10-24"), term("2025-11-03", "2025-12-19")))
                .setClosures(List.of(LocalDate.parse("2025-11-03")))
                .build();
    }

    /** Spring term 2026 with a bank holiday inside a term: Easter Monday 6 Apr 2026 is in the Easter holiday; May Day 4 May is a closure. */
    public static School hilltop() {
        return School.newBuilder()
                .setUrn(HILLTOP).setName("Hilltop Academy").setLa("Norfolk")
                .setPolicy("norfolk-quick-guide").setExpectedAttendancePct(95.0)
                .setTerms(List.of(term("2026-04-20", "2026-05-22")))
                .setClosures(List.of(LocalDate.parse("2026-05-04")))
                .build();
    }

    public static Term term(String start, String end) {
        return new Term(LocalDate.parse(start), LocalDate.parse(end));
    }
}
