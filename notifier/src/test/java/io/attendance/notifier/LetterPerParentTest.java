package io.attendance.notifier;

import io.attendance.notifier.render.LetterFiles;
import io.attendance.notifier.render.Letterhead;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.LetterStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001 and s576: every parent gets their own letter, resident or not, even at the same address. */
class LetterPerParentTest {
    private final LetterPlanner planner = new LetterPlanner(new LetterFiles(null));

    @Test
    void two_parents_at_one_address_and_a_father_out_of_county_get_three_separate_letters() {
        List<LetterPlan> plans = planner.plan(Family.fastTrackInvite(),
                Optional.of(Family.contacts(Family.MOTHER, Family.STEPFATHER, Family.FATHER)), Optional.of(Family.school()));

        assertThat(plans).extracting(LetterPlan::parentId).containsExactly("p1", "p2", "p3");
        assertThat(plans).extracting(LetterPlan::letterId).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith(Family.fastTrackInvite().getEventId() + ":"));
        assertThat(plans).allMatch(LetterPlan::deliverable);

        String mother = PdfText.of(plans.get(0).letter().pdf());
        String stepfather = PdfText.of(plans.get(1).letter().pdf());
        String father = PdfText.of(plans.get(2).letter().pdf());
        // Each letter is addressed to its own parent, at their own address, and names no other parent.
        assertThat(mother).contains("Claire Taylor 12 Mill Lane Northtown NR1 2AB", "Dear Claire Taylor,").doesNotContain("Dan Hughes", "Mark Taylor");
        assertThat(stepfather).contains("Dan Hughes 12 Mill Lane Northtown NR1 2AB", "Dear Dan Hughes,").doesNotContain("Claire Taylor", "Mark Taylor");
        assertThat(father).contains("Mark Taylor 4 Harbour Road Bristol BS1 4DJ", "Dear Mark Taylor,").doesNotContain("Claire Taylor", "Dan Hughes");
        for (String text : List.of(mother, stepfather, father)) {
            assertThat(text).contains(
                    "Northshire County Council",                  // the LA's letterhead
                    "Date: 3 November 2025",                      // the day the case asked for it
                    "Our ref: Fast Track invite",                 // the procedure's own letter id
                    "Pupil: Sam Taylor, Riverside Primary School",
                    "Invitation to a Fast Track meeting",
                    "Date: Monday 10 November 2025",              // the meeting: date, time, place, who attends
                    "Time: 09:30",
                    "Place: Riverside Primary School, meeting room 2",
                    "Who will attend: Mrs A Patel (headteacher) and Mr J Brown (attendance officer)",
                    "Jo Okafor", "Senior Attendance Officer");    // the signatory
        }
    }

    @Test
    void the_same_letter_produced_twice_is_the_same_bytes_so_its_hash_identifies_it() {
        var contacts = Optional.of(Family.contacts(Family.MOTHER));
        byte[] first = planner.plan(Family.fastTrackInvite(), contacts, Optional.of(Family.school())).get(0).letter().pdf();
        byte[] again = planner.plan(Family.fastTrackInvite(), contacts, Optional.of(Family.school())).get(0).letter().pdf();
        assertThat(Notifier.sha256(again)).isEqualTo(Notifier.sha256(first));
        assertThat(PdfText.pages(first)).isEqualTo(1);
    }

    @Test
    void each_parent_is_reached_their_preferred_way_where_the_las_channels_allow() {
        Letterhead smtp = letterhead(new Letterhead.Channels("outbox", "smtp"));
        Letterhead notify = letterhead(new Letterhead.Channels("notify", "notify"));
        Letterhead postOnly = letterhead(new Letterhead.Channels("outbox", "none"));
        // The mother prefers email and has one; the stepfather prefers post; the father prefers email but gave none.
        assertThat(List.of(Family.MOTHER, Family.STEPFATHER, Family.FATHER)).extracting(p -> LetterPlanner.channel(p, smtp))
                .containsExactly("smtp", "outbox", "outbox");
        assertThat(List.of(Family.MOTHER, Family.STEPFATHER, Family.FATHER)).extracting(p -> LetterPlanner.channel(p, notify))
                .containsExactly("notify-email", "notify-letter", "notify-letter");
        assertThat(List.of(Family.MOTHER, Family.STEPFATHER, Family.FATHER)).extracting(p -> LetterPlanner.channel(p, postOnly))
                .containsExactly("outbox", "outbox", "outbox");
        var emailOnly = Family.contact("p6", "Priya Patel", "mother", List.of(), null, "priya@example.com", true, "post");
        assertThat(LetterPlanner.channel(emailOnly, smtp)).isEqualTo("smtp");     // post preferred, but only email reaches her
        assertThat(LetterPlanner.channel(emailOnly, postOnly)).isEqualTo("none"); // and without an email channel nothing does
    }

    @Test
    void a_letterhead_naming_a_channel_that_does_not_carry_that_medium_is_refused_with_the_ones_that_do() {
        // SMTP carries email only: an LA cannot send its post by it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Letterhead.Channels("smtp", "none"))
                .hasMessage("channels.post: 'smtp': outbox or notify");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Letterhead.Channels("outbox", "fax"))
                .hasMessage("channels.email: 'fax': smtp, notify or none");
    }

    private static Letterhead letterhead(Letterhead.Channels channels) {
        return new Letterhead("Northshire County Council", null, List.of(), "01603 222 000", "attendance@northshire.example.gov.uk", null,
                new Letterhead.Signatory("Jo Okafor", "Senior Attendance Officer"), channels);
    }

    @Test
    void a_parent_with_no_usable_address_or_email_is_not_sent_a_letter_and_that_is_visible() {
        var nowhere = Family.contact("p4", "Lee Grant", "father", List.of(), null, null, false, "post");
        List<LetterPlan> plans = planner.plan(Family.fastTrackInvite(), Optional.of(Family.contacts(Family.MOTHER, nowhere)),
                Optional.of(Family.school()));
        assertThat(plans.get(0).deliverable()).isTrue();
        assertThat(plans.get(1).deliverable()).isFalse();
        assertThat(plans.get(1).status()).isEqualTo(LetterStatus.NOT_SENT);
        assertThat(plans.get(1).problem()).contains("no usable address or email for Lee Grant");
        assertThat(PdfText.of(plans.get(1).letter().pdf())).contains("Dear Lee Grant,"); // produced, kept as evidence
    }

    @Test
    void a_pupil_with_no_contacts_held_gets_one_not_sent_record_not_silence() {
        List<LetterPlan> plans = planner.plan(Family.fastTrackInvite(), Optional.empty(), Optional.of(Family.school()));
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(LetterStatus.NOT_SENT);
            assertThat(p.problem()).isEqualTo("no parent contact details are held for this pupil");
        });
    }

    @Test
    void a_penalty_notice_goes_only_to_the_parent_it_is_issued_to() {
        CaseEvent notice = Family.letterEvent("national-penalty-notice", "Penalty notice", "School attendance penalty notice",
                LocalDate.of(2025, 12, 1), new java.util.HashMap<>(Map.of("letterTo", "parent:parentId", "parentId", "p3", "noticeRef", "PN-0042")));
        List<LetterPlan> plans = planner.plan(notice, Optional.of(Family.contacts(Family.MOTHER, Family.STEPFATHER, Family.FATHER)),
                Optional.of(Family.school()));
        assertThat(plans).extracting(LetterPlan::parentId).containsExactly("p3");
        assertThat(PdfText.of(plans.get(0).letter().pdf())).contains("Dear Mark Taylor,", "£80", "Notice reference: PN-0042.");
    }

    @Test
    void a_letter_to_the_school_is_one_copy_for_the_headteacher_through_the_outbox() {
        CaseEvent referral = Family.letterEvent("apws", "APWS 1.1.0", "Referral to the Attendance & Pupil Welfare Service",
                LocalDate.of(2025, 12, 1), new java.util.HashMap<>(Map.of("letterTo", "school")));
        List<LetterPlan> plans = planner.plan(referral, Optional.of(Family.contacts(Family.MOTHER)), Optional.of(Family.school()));
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.parentId()).isEqualTo("school");
            assertThat(p.channel()).isEqualTo("outbox");
            assertThat(PdfText.of(p.letter().pdf())).contains("The Headteacher Riverside Primary School", "Dear Headteacher,", "Our ref: APWS 1.1.0");
        });
    }

    @Test
    void a_name_outside_latin_1_prints_as_written() {
        var parent = Family.contact("p5", "Zofia Wójcik-Łukasik", "mother", List.of("3 Quay Street"), "NR2 4TT", null, true, "post");
        LetterPlan p = planner.plan(Family.fastTrackInvite(), Optional.of(Family.contacts(parent)), Optional.of(Family.school())).get(0);
        assertThat(PdfText.of(p.letter().pdf())).contains("Dear Zofia Wójcik-Łukasik,");
    }

    @Test
    void an_invitation_with_no_meeting_yet_says_how_to_arrange_one_and_states_the_figures_it_rests_on() {
        CaseEvent invite = Family.letterEvent("apws", "AL 1.2.0", "Invitation to a meeting in school about your child's attendance",
                LocalDate.parse("2025-10-03"), Map.of("letterTo", "parents", "evidence.window", "year to date",
                        "evidence.from", "2025-08-01", "evidence.to", "2025-10-03", "evidence.possible", "46", "evidence.missed", "4",
                        "evidence.unauthorised", "0", "evidence.attendancePct", "91.30%", "evidence.unauthorisedPct", "0.00%"));
        String text = PdfText.of(planner.plan(invite, Optional.of(Family.contacts(Family.MOTHER)), Optional.of(Family.school()))
                .get(0).letter().pdf());
        assertThat(text).contains("Arranging the meeting", "within the next 10 school days",
                "The figures this letter rests on",
                "Period: Friday 1 August 2025 to Friday 3 October 2025 (year to date)",
                "Possible sessions (mornings and afternoons): 46",
                "Sessions missed: 4, of which unauthorised: 0",
                "Attendance: 91.30%; unauthorised absence: 0.00%");
    }

    @Test
    void minutes_go_to_each_parent_not_present_and_not_to_the_one_who_attended() {
        var contacts = Optional.of(Family.contacts(Family.MOTHER, Family.STEPFATHER, Family.FATHER));
        CaseEvent minutes = Family.letterEvent("norfolk-guidance", "Minutes covering letter", "Minutes of the Fast Track meeting you did not attend",
                LocalDate.parse("2025-11-17"), Map.of("letterTo", "parents-except:parentsPresent", "parentsPresent", "p1"));
        List<LetterPlan> plans = planner.plan(minutes, contacts, Optional.of(Family.school()));
        assertThat(plans).extracting(LetterPlan::parentId).containsExactly("p2", "p3");
        assertThat(PdfText.of(plans.get(0).letter().pdf())).contains("Dear Dan Hughes,", "went ahead without you");
        CaseEvent allThere = Family.letterEvent("norfolk-guidance", "Minutes covering letter", "Minutes",
                LocalDate.parse("2025-11-17"), Map.of("letterTo", "parents-except:parentsPresent", "parentsPresent", "p1, p2 p3"));
        assertThat(planner.plan(allThere, contacts, Optional.of(Family.school()))).isEmpty();
    }
}
