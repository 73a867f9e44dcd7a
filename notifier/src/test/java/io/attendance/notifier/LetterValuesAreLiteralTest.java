package io.attendance.notifier;

import io.attendance.notifier.render.LetterFiles;
import io.attendance.schemas.PupilContacts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A name or address is printed as written: it can never start a heading, a bullet or a paragraph of the letter. */
class LetterValuesAreLiteralTest {
    private final LetterPlanner planner = new LetterPlanner(new LetterFiles(null));

    @Test
    void a_parent_name_with_a_newline_and_heading_markup_prints_as_literal_text() {
        var parent = Family.contact("p1", "Claire\n## FINAL NOTICE", "mother", List.of("- 1 Fake St", "Northtown"), "NR1 2AB",
                null, true, "post");
        byte[] pdf = planner.plan(Family.fastTrackInvite(), Optional.of(Family.contacts(parent)), Optional.of(Family.school()))
                .get(0).letter().pdf();

        List<String> lines = PdfText.lines(pdf);
        assertThat(lines).containsSubsequence("Claire ## FINAL NOTICE", "- 1 Fake St", "Northtown", "NR1 2AB"); // the address block
        assertThat(lines).contains("Dear Claire ## FINAL NOTICE,");
        assertThat(PdfText.bold(pdf)).noneMatch(run -> run.contains("FINAL NOTICE"))
                .contains("Invitation to a Fast Track meeting", "The meeting"); // the template's own title and heading stay bold
    }

    @Test
    void a_pupil_name_with_bullet_or_heading_markup_at_the_start_of_a_template_line_stays_in_its_paragraph() {
        Map<String, String> printed = Map.of("- Sam Taylor", "- Sam Taylor", "## Sam Taylor", "## Sam Taylor", "\r\n## Sam Taylor", "## Sam Taylor");
        printed.forEach((pupil, expected) -> {
            PupilContacts contacts = PupilContacts.newBuilder().setUpn(Family.UPN).setPupilName(pupil).setParents(List.of(Family.MOTHER)).build();
            byte[] pdf = planner.plan(Family.fastTrackInvite(), Optional.of(contacts), Optional.of(Family.school())).get(0).letter().pdf();

            assertThat(PdfText.lines(pdf)).as(pupil).contains("Pupil: " + expected + ", Riverside Primary School")
                    .anyMatch(l -> l.startsWith(expected + "'s unauthorised absence has reached the level"));
            assertThat(PdfText.bold(pdf)).as(pupil).noneMatch(run -> run.contains("Sam Taylor"));
        });
    }

    @Test
    void a_name_with_control_characters_prints_them_as_spaces_and_the_letter_is_still_produced() {
        var parent = Family.contact("p1", "Claire\tTaylor\u0000\u001b\u0085\u2028Jones", "mother", List.of("12 Mill\u000bLane", "Northtown"),
                "NR1 2AB", null, true, "post");
        byte[] pdf = planner.plan(Family.fastTrackInvite(), Optional.of(Family.contacts(parent)), Optional.of(Family.school()))
                .get(0).letter().pdf();

        assertThat(PdfText.lines(pdf)).containsSubsequence("Claire Taylor Jones", "12 Mill Lane", "Northtown")
                .contains("Dear Claire Taylor Jones,");
    }
}
