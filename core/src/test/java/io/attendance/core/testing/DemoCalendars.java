package io.attendance.core.testing;

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

    /**
     * A whole school year, 2025/26, for case scenarios. Autumn: Wed 3 Sep – Fri 19 Dec 2025,
     * half-term 27–31 Oct, INSET Mon 3 Nov. Spring: Mon 5 Jan – Fri 27 Mar 2026, half-term
     * 16–20 Feb (Easter holiday 30 Mar – 10 Apr holds Good Friday 3 Apr and Easter Monday 6 Apr).
     * Summer: Mon 13 Apr – Wed 22 Jul 2026, closed on the May Day bank holiday Mon 4 May,
     * half-term 25–29 May (spring bank holiday Mon 25 May).
     */
    public static School year2025(String urn, String name, String policy, double expectedPct) {
        return School.newBuilder()
                .setUrn(urn).setName(name).setLa("Northshire").setPolicy(policy).setExpectedAttendancePct(expectedPct)
                .setTerms(List.of(term("2025-09-03", "2025-10-24"), term("2025-11-03", "2025-12-19"),
                        term("2026-01-05", "2026-02-13"), term("2026-02-23", "2026-03-27"),
                        term("2026-04-13", "2026-05-22"), term("2026-06-01", "2026-07-22")))
                .setClosures(List.of(LocalDate.parse("2025-11-03"), LocalDate.parse("2026-05-04")))
                .build();
    }

    public static Term term(String start, String end) {
        return new Term(LocalDate.parse(start), LocalDate.parse(end));
    }
}
