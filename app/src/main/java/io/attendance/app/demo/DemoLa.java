package io.attendance.app.demo;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.schemas.Term;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Upn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A fictional LA ("Northshire", LA number 938) with real-looking 2025/26 calendars and pupils whose
 * absence follows the national picture (about one in five persistently absent, a few severely),
 * including Monday/Friday patterns, term-time holidays and N marks amended days later. Seeded, so
 * every run produces exactly the same marks.
 */
public final class DemoLa {
    public static final String LA = "Northshire";
    public static final int LA_NUMBER = 938;

    public record DemoSchool(School school, int pupils, int establishment) {
    }

    private final List<DemoSchool> schools;
    private final LocalDate from;
    private final LocalDate to;
    private final long seed;

    public DemoLa(List<DemoSchool> schools, LocalDate from, LocalDate to, long seed) {
        this.schools = schools;
        this.from = from;
        this.to = to;
        this.seed = seed;
    }

    /** Four schools, 2,000 pupils, the autumn term 2025 (3 Sep – 19 Dec). */
    public static DemoLa standard() {
        return scaled(1, LocalDate.parse("2025-12-19"));
    }

    /** The same four schools with {@code factor} times the pupils, marks from 3 Sep 2025 to {@code to}. */
    public static DemoLa scaled(int factor, LocalDate to) {
        List<DemoSchool> s = List.of(
                new DemoSchool(school("100001", "Riverside Primary School", "norfolk-quick-guide", 96.0, "2025-11-03"), 420 * factor, 2001),
                new DemoSchool(school("100002", "Hilltop Academy", "apws", 94.5, "2025-11-14"), 1100 * factor, 4001),
                new DemoSchool(school("100003", "St Mary's CE Primary School", "blackburn-with-darwen", 96.5, "2025-11-03"), 280 * factor, 3001),
                new DemoSchool(school("100004", "Meadow Lane Junior School", "county-attendance-team-2017", 95.5, "2025-10-10"), 200 * factor, 2002));
        return new DemoLa(s, LocalDate.parse("2025-09-03"), to, 20250903L);
    }

    /** 2025/26: autumn 3 Sep–24 Oct, 3 Nov–19 Dec; spring 5 Jan–13 Feb, 23 Feb–27 Mar; summer 13 Apr–22 May, 1 Jun–21 Jul. */
    static School school(String urn, String name, String policy, double expected, String insetDay) {
        List<Term> terms = List.of(term("2025-09-03", "2025-10-24"), term("2025-11-03", "2025-12-19"),
                term("2026-01-05", "2026-02-13"), term("2026-02-23", "2026-03-27"),
                term("2026-04-13", "2026-05-22"), term("2026-06-01", "2026-07-21"));
        List<LocalDate> closures = List.of(LocalDate.parse(insetDay), LocalDate.parse("2026-05-04"), // May Day bank holiday
                LocalDate.parse("2026-01-05"));                                                        // INSET
        return School.newBuilder().setUrn(urn).setName(name).setLa(LA).setPolicy(policy)
                .setExpectedAttendancePct(expected).setTerms(terms).setClosures(closures).build();
    }

    private static Term term(String a, String b) {
        return new Term(LocalDate.parse(a), LocalDate.parse(b));
    }

    public List<School> schools() {
        return schools.stream().map(DemoSchool::school).toList();
    }

    public int pupilCount() {
        return schools.stream().mapToInt(DemoSchool::pupils).sum();
    }

    /** The UPNs of a school's pupils, in order. */
    public List<String> upns(DemoSchool s) {
        List<String> upns = new ArrayList<>(s.pupils());
        // A UPN serial has 3 digits: past 999 the year of allocation steps back (two digits, so after 100 years it
        // would wrap onto the first pupils). Past 100,000 pupils a school's UPNs come from a second establishment
        // number 5000 above its own (allocated elsewhere, as a pupil's UPN may be): every pupil distinct up to 200,000.
        if (s.pupils() > 200_000) throw new IllegalArgumentException("a demo school has at most 200,000 pupils: " + s.pupils());
        for (int i = 0; i < s.pupils(); i++) {
            int establishment = s.establishment() + 5000 * (i / 100_000);
            upns.add(Upn.of(LA_NUMBER, establishment, Math.floorMod(25 - i / 1000, 100), i % 1000));
        }
        return upns;
    }

    public List<DemoSchool> demoSchools() {
        return schools;
    }

    /** The last day of the demo's term so far. */
    public LocalDate lastDay() {
        return to;
    }

    /** Every mark, day by day (AM register, then PM), amendments following a few days later. */
    public void marks(Consumer<RegisterMark> out) {
        List<Profile[]> profiles = new ArrayList<>();
        for (DemoSchool s : schools) {
            Profile[] p = new Profile[s.pupils()];
            List<String> upns = upns(s);
            for (int i = 0; i < p.length; i++) p[i] = Profile.draw(upns.get(i), new SplittableRandom(seed * 1_000_003L + s.establishment() * 100_003L + i));
            profiles.add(p);
        }
        List<RegisterMark> pendingAmendments = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            pendingAmendments.removeIf(a -> {
                if (a.getRecordedAt().isAfter(day.atTime(23, 59).toInstant(ZoneOffset.UTC))) return false;
                out.accept(a);
                return true;
            });
            for (int si = 0; si < schools.size(); si++) {
                DemoSchool s = schools.get(si);
                SchoolCalendar cal = SchoolCalendar.of(s.school());
                if (!cal.isSchoolDay(d)) continue;
                for (Profile p : profiles.get(si)) {
                    p.day(s.school().getUrn(), d, out, pendingAmendments);
                }
            }
        }
        pendingAmendments.forEach(out);
    }

    /** One pupil's habits: how often absent, how often unauthorised, patterns. */
    private static final class Profile {
        final String upn;
        final SplittableRandom random;
        final double absence;
        final double unauthorised;
        final boolean mondayFriday;
        final LocalDate holidayWeek;

        private Profile(String upn, SplittableRandom random, double absence, double unauthorised, boolean mondayFriday, LocalDate holidayWeek) {
            this.upn = upn;
            this.random = random;
            this.absence = absence;
            this.unauthorised = unauthorised;
            this.mondayFriday = mondayFriday;
            this.holidayWeek = holidayWeek;
        }

        static Profile draw(String upn, SplittableRandom r) {
            double band = r.nextDouble();
            double absence, unauth;
            if (band < 0.70) { absence = r.nextDouble() * 0.06; unauth = 0.2; }
            else if (band < 0.90) { absence = 0.08 + r.nextDouble() * 0.12; unauth = 0.4 + r.nextDouble() * 0.2; }
            else if (band < 0.97) { absence = 0.20 + r.nextDouble() * 0.20; unauth = 0.6; }
            else { absence = 0.45 + r.nextDouble() * 0.25; unauth = 0.7; }
            boolean pattern = absence > 0.08 && r.nextDouble() < 0.3;
            LocalDate holiday = r.nextDouble() < 0.05 ? LocalDate.parse("2025-09-08").plusWeeks(r.nextInt(14)) : null;
            return new Profile(upn, r, absence, unauth, pattern, holiday);
        }

        void day(String urn, LocalDate d, Consumer<RegisterMark> out, List<RegisterMark> amendments) {
            Instant am = d.atTime(9, 10).toInstant(ZoneOffset.UTC);
            Instant pm = d.atTime(13, 40).toInstant(ZoneOffset.UTC);
            if (holidayWeek != null && SchoolCalendar.weekOf(d).equals(holidayWeek)) {
                out.accept(mark(urn, d, Session.AM, "G", am));
                out.accept(mark(urn, d, Session.PM, "G", pm));
                return;
            }
            double p = absence;
            if (mondayFriday) {
                int dow = d.getDayOfWeek().getValue();
                p = dow == 1 || dow == 5 ? Math.min(0.95, absence * 2.5) : absence * 0.6;
            }
            if (random.nextDouble() < p) {
                if (random.nextDouble() < unauthorised) {
                    // Reason not yet provided; the school decides a few days later.
                    double outcome = random.nextDouble();
                    out.accept(mark(urn, d, Session.AM, "N", am));
                    out.accept(mark(urn, d, Session.PM, "N", pm));
                    String amended = outcome < 0.6 ? "O" : outcome < 0.9 ? "I" : null;
                    if (amended != null) {
                        Instant later = d.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
                        amendments.add(mark(urn, d, Session.AM, amended, later));
                        amendments.add(mark(urn, d, Session.PM, amended, later.plusSeconds(1)));
                    }
                } else {
                    double kind = random.nextDouble();
                    if (kind < 0.15) { // medical appointment in the morning, back in the afternoon
                        out.accept(mark(urn, d, Session.AM, "M", am));
                        out.accept(mark(urn, d, Session.PM, "\\", pm));
                    } else {
                        String code = kind < 0.95 ? "I" : "C";
                        out.accept(mark(urn, d, Session.AM, code, am));
                        out.accept(mark(urn, d, Session.PM, code, pm));
                    }
                }
                return;
            }
            double late = random.nextDouble();
            out.accept(mark(urn, d, Session.AM, late < 0.03 ? "L" : late < 0.035 ? "U" : "/", am));
            out.accept(mark(urn, d, Session.PM, "\\", pm));
        }

        private RegisterMark mark(String urn, LocalDate d, Session s, String code, Instant at) {
            return new RegisterMark(upn, urn, d, s, code, at, "demo");
        }
    }
}
