package io.attendance.streams.cases;

import io.attendance.core.codes.CodeCategory;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.CourtPacks;
import io.attendance.core.courtpack.Herringbone;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000's pathway walked to the Application to Prosecute on the 2025/26 calendar (half-term
 * 27–31 Oct, INSET Mon 3 Nov), then two marks amended after the review meeting: the pack's figures,
 * herringbone and amendments against values worked by hand from the register below.
 */
class CourtPackScenarioTest {
    static final String URN = "100001";
    static final String PUPIL = Upn.of(938, 4001, 25, 1);
    final CaseFixture f = new CaseFixture(DemoCalendars.year2025(URN, "Riverside Primary", "norfolk-quick-guide", 96), LocalDate.parse("2025-09-03"));
    final String caseId = PUPIL + "-" + URN + "-norfolk-fast-track-1";
    final Policy quickGuide = PolicyRegistry.shipped().byId("norfolk-quick-guide").orElseThrow();

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * The register: present every session except both sessions of 3, 15, 19, 22 Sep, 7, 10, 14, 17 and
     * 21 Nov (O) and the afternoon of 29 Sep (O): 19 unauthorised sessions. After the review meeting
     * (3 Dec) the school amends, on Thu 11 Dec, Fri 7 Nov PM from O to I (illness, authorised) and
     * Mon 8 Dec AM from / (present) to O.
     */
    private void toTheApplicationToProsecuteWithTwoAmendments() {
        f.enrol(PUPIL);
        for (String d : new String[]{"2025-09-03", "2025-09-15", "2025-09-19", "2025-09-22"}) f.absent(PUPIL, d, d, "O");
        f.sessions(PUPIL, "2025-09-29", "/", "O");
        f.openByHand(PUPIL, "2025-09-03", null, "early interventions in place");
        f.act(caseId, "send-pre-legal-warning", "2025-09-10");
        f.runTo("2025-10-01");
        f.act(caseId, "send-invite", "2025-10-06", "meetingDate", "2025-10-13", "meetingTime", "15:30",
                "place", "Riverside Primary, meeting room 1", "attendees", "Head of Year 6; AEO");
        f.act(caseId, "first-meeting", "2025-10-13", "parentsAttended", "no");
        for (String d : new String[]{"2025-11-07", "2025-11-10", "2025-11-14", "2025-11-17", "2025-11-21"}) f.absent(PUPIL, d, d, "O");
        f.act(caseId, "send-second-invite", "2025-11-20", "meetingDate", "2025-12-03", "meetingTime", "15:30",
                "place", "Riverside Primary, meeting room 1", "attendees", "AEO");
        f.act(caseId, "review-meeting", "2025-12-03", "parentsAttended", "no", "statutoryDefenceEvidenced", "no");
        f.runTo("2025-12-10");
        f.amend(PUPIL, "2025-11-07", Session.PM, "I");
        f.amend(PUPIL, "2025-12-08", Session.AM, "O");
        f.runTo("2025-12-17");
    }

    @Test
    void a_case_at_the_application_to_prosecute_gets_a_pack_whose_figures_herringbone_and_amendments_are_the_register_worked_by_hand() {
        toTheApplicationToProsecuteWithTwoAmendments();
        CaseState c = f.caseState(caseId);
        assertThat(c.getStage()).isEqualTo("atp");
        assertThat(CourtPacks.availableFrom(c, quickGuide)).contains(LocalDate.parse("2025-12-03"));

        CourtPack pack = CourtPacks.of(c, quickGuide, f.school(), f.calendar(), CodeTable.standard(), contacts(), List.of(),
                f.register(PUPIL), LocalDate.parse("2025-12-17"));

        // School days 3 Sep – 17 Dec: Sep 20, Oct 18 (half-term 27–31), Nov 19 (INSET 3 Nov), Dec 13 = 70, so 140 sessions.
        // Unauthorised: 19 recorded, less 7 Nov PM (now I), plus 8 Dec AM (now O) = 19; authorised 1; attended 140 - 20 = 120.
        SessionCounts expected = new SessionCounts(140, 120, 1, 19);
        assertThat(pack.yearToDate().from()).isEqualTo("2025-09-03");
        assertThat(pack.yearToDate().figures()).isEqualTo(expected);
        assertThat(pack.yearToDate().figures().attendancePct()).isEqualByComparingTo(new BigDecimal("85.71"));
        // The quick guide's prosecution period starts with the 6 school weeks ending the day the case entered
        // the invite stage (Wed 1 Oct): only 5 exist, so Wed 3 Sep; 26 weeks on, it ends Tue 3 Mar 2026.
        assertThat(pack.period().label()).isEqualTo("Prosecution period");
        assertThat(pack.period().from()).isEqualTo("2025-09-03");
        assertThat(pack.period().to()).isEqualTo("2025-12-17");
        assertThat(pack.period().endsOn()).isEqualTo("2026-03-03");
        assertThat(pack.period().figures()).isEqualTo(expected);
        assertThat(pack.period().figures().unauthorisedPct()).isEqualByComparingTo(new BigDecimal("13.57"));

        // Herringbone: the weeks of Mon 1 Sep to Mon 15 Dec, 16 rows; running totals end at the period's figures.
        List<Herringbone.Week> weeks = pack.weeks();
        assertThat(weeks).hasSize(16);
        assertThat(weeks.get(0).monday()).isEqualTo("2025-09-01");
        assertThat(weeks.get(0).cells().subList(0, 4)).extracting(Herringbone.Cell::kind).containsOnly(Herringbone.Kind.OUTSIDE);
        assertThat(weeks.get(0).week()).isEqualTo(new SessionCounts(6, 4, 0, 2)); // Wed 3 Sep O O, Thu and Fri present
        assertThat(weeks.get(15).cumulative()).isEqualTo(expected);
        Herringbone.Week halfTerm = week(weeks, "2025-10-27");
        assertThat(halfTerm.cells()).extracting(Herringbone.Cell::kind).containsOnly(Herringbone.Kind.HOLIDAY);
        assertThat(halfTerm.week()).isEqualTo(SessionCounts.ZERO);
        Herringbone.Week inset = week(weeks, "2025-11-03");
        assertThat(inset.cells().subList(0, 2)).extracting(Herringbone.Cell::kind).containsOnly(Herringbone.Kind.CLOSED);
        // Tue–Thu present (6), Fri 7 Nov AM O, PM I (amended from O)
        assertThat(inset.week()).isEqualTo(new SessionCounts(8, 6, 1, 1));
        assertThat(inset.cells().get(9).code()).isEqualTo("I");
        assertThat(inset.cells().get(9).category()).isEqualTo(CodeCategory.AUTHORISED);
        assertThat(week(weeks, "2025-12-08").week()).isEqualTo(new SessionCounts(10, 9, 0, 1));
        Herringbone.Week last = week(weeks, "2025-12-15");
        assertThat(last.cells().subList(6, 10)).extracting(Herringbone.Cell::kind).containsOnly(Herringbone.Kind.OUTSIDE); // Thu 18, Fri 19

        // The two amendments, with what was first recorded and when.
        assertThat(pack.amendments()).extracting(e -> e.date() + " " + e.session() + " " + e.earlier().get(0).code() + " -> " + e.standing().code())
                .containsExactly("2025-11-07 PM O -> I", "2025-12-08 AM / -> O");
        RegisterEntry friday = pack.amendments().get(0);
        assertThat(friday.earlier().get(0).recordedAt()).isBetween(Instant.parse("2025-11-07T13:00:00Z"), Instant.parse("2025-11-07T13:10:00Z"));
        assertThat(friday.standing().recordedAt()).isBetween(Instant.parse("2025-12-11T17:00:00Z"), Instant.parse("2025-12-11T17:10:00Z"));

        // The stages as the case went, and the parents with parental responsibility and their addresses.
        assertThat(pack.stages()).extracting(s -> s.date() + " " + s.stage()).containsExactly(
                "2025-09-03 early-interventions", "2025-09-10 monitoring", "2025-10-01 invite", "2025-10-06 meeting-invited",
                "2025-10-13 parents-did-not-attend", "2025-11-17 second-invite-due", "2025-11-20 second-meeting-invited", "2025-12-03 atp");
        assertThat(pack.pupil().name()).isEqualTo("Sam Taylor");
        assertThat(pack.parents()).extracting(p -> p.name() + ": " + String.join(", ", p.address()))
                .containsExactly("Claire Taylor: 12 Mill Lane, Northtown, NR1 2AB", "Mark Taylor: 4 Harbour Road, Bristol, BS1 4DJ");
        CourtPack.TimelineLine review = pack.timeline().stream().filter(t -> t.date().toString().equals("2025-12-03")
                && t.what().startsWith("Recorded:")).findFirst().orElseThrow();
        assertThat(review.what()).isEqualTo("Recorded: 2nd meeting date — review of the prosecution period");
        assertThat(review.fields()).containsExactly("parentsAttended: no", "statutoryDefenceEvidenced: no");
        assertThat(review.detail()).contains("recorded by officer");
    }

    @Test
    void before_the_review_meeting_sends_it_to_the_application_to_prosecute_no_pack_is_due() {
        toTheApplicationToProsecuteWithTwoAmendments();
        CaseState c = f.caseState(caseId);
        // the same case as it stood before 3 Dec: its history cut at the review meeting
        CaseState before = CaseState.newBuilder(c).setHistory(c.getHistory().stream().filter(e -> e.getDate().isBefore(LocalDate.parse("2025-12-03"))).toList()).build();
        assertThat(CourtPacks.availableFrom(before, quickGuide)).isEmpty();
        assertThat(CourtPacks.availableFrom(c, PolicyRegistry.shipped().byId("national-penalty-notice").orElseThrow())).isEmpty();
    }

    /**
     * A pupil who moved from Riverside to Hillside on Mon 6 Oct (confirmed by the LA): the penalty notice case
     * followed them (its school is now Hillside), and its figures still rest on the Riverside register before the
     * move. Both schools on the 2025/26 calendar; to Tue 4 Nov: 20 school days in Sep, 18 in Oct, 4 Nov (3 Nov
     * INSET) = 39 days, 78 sessions; unauthorised both sessions of Wed 3 – Tue 9 Sep (10) at Riverside; 68 attended.
     */
    @Test
    void a_case_that_followed_a_pupil_to_a_new_school_counts_the_old_schools_register_as_the_engine_did() {
        try (CaseFixture moves = new CaseFixture(DemoCalendars.year2025("100011", "Riverside Primary", "norfolk-guidance", 96),
                LocalDate.parse("2025-09-03"))) {
            String upn = Upn.of(938, 8101, 25, 2);
            moves.addSchool(DemoCalendars.year2025("100012", "Hillside Academy", "apws", 96));
            moves.enrol(upn);
            moves.absent(upn, "2025-09-03", "2025-09-09", "O");
            moves.runTo("2025-09-09");
            moves.move(upn, "100012", "2025-10-06");
            moves.runTo("2025-11-04");
            String penalty = upn + "-100011-national-penalty-notice-1";
            CaseState c = moves.caseState(penalty);
            assertThat(c.getUrn()).isEqualTo("100012");
            Policy npn = PolicyRegistry.shipped().byId(c.getPolicy()).orElseThrow();
            var hillside = DemoCalendars.year2025("100012", "Hillside Academy", "apws", 96);
            CourtPack pack = CourtPacks.of(c, npn, hillside, io.attendance.core.calendar.SchoolCalendar.of(hillside), CodeTable.standard(),
                    null, List.of(), CourtPacks.counted(moves.register(upn), moves.pupil(upn), c.getUrn()), LocalDate.parse("2025-11-04"));
            assertThat(pack.yearToDate().figures()).isEqualTo(new SessionCounts(78, 68, 0, 10));
            assertThat(pack.weeks().get(1).cells().get(0).entry().urn()).isEqualTo("100011"); // Mon 8 Sep AM, at Riverside
        }
    }

    private static Herringbone.Week week(List<Herringbone.Week> weeks, String monday) {
        return weeks.stream().filter(w -> w.monday().toString().equals(monday)).findFirst().orElseThrow();
    }

    private static PupilContacts contacts() {
        return PupilContacts.newBuilder().setUpn(PUPIL).setPupilName("Sam Taylor").setUpdatedBy("test").setParents(List.of(
                Contact.newBuilder().setParentId("p1").setName("Claire Taylor").setRelationship("mother")
                        .setAddressLines(List.of("12 Mill Lane", "Northtown")).setPostcode("NR1 2AB").setEmail(null)
                        .setLivesWithPupil(true).setParentalResponsibility(true).setPreferredChannel("post").build(),
                Contact.newBuilder().setParentId("p3").setName("Mark Taylor").setRelationship("father")
                        .setAddressLines(List.of("4 Harbour Road", "Bristol")).setPostcode("BS1 4DJ").setEmail(null)
                        .setLivesWithPupil(false).setParentalResponsibility(true).setPreferredChannel("post").build())).build();
    }
}
