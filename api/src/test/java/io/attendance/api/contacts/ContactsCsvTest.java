package io.attendance.api.contacts;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class ContactsCsvTest {
    private static final String HEADER = String.join(",", ContactsCsv.HEADER) + "\n";

    @Test
    void a_family_with_one_bad_row_is_held_back_whole_and_the_other_families_are_imported() throws Exception {
        String csv = HEADER
                + "E801200125001,Sam Taylor,p1,Claire Taylor,mother,12 Mill Lane,Northtown,,NR1 2AB,claire@example.com,yes,yes,email\n"   // line 2
                + "E801200125001,Sam Taylor,p3,Mark Taylor,father,4 Harbour Road,Bristol,,BS1 4DJ,,no,yes,post\n"                       // line 3
                + "U801200125002,Ava Jones,p1,Rita Jones,mother,9 Elm Road,,,NR3 1QQ,,yes,yes,post\n"                                   // line 4
                + "U801200125002,Ava Jones,p2,Tom Jones,father,,,,,tom.jones@,maybe,yes,email\n";                                        // line 5
        ContactsCsv.Result r = ContactsCsv.read(new StringReader(csv), "import");

        assertThat(r.accepted()).extracting(c -> c.getUpn() + ":" + c.getParents().size()).containsExactly("E801200125001:2");
        assertThat(r.errors()).extracting(Object::toString).containsExactlyInAnyOrder(
                "line 5: lives_with_pupil: 'maybe': yes or no",
                "line 5: email: 'tom.jones@' is not an email address",
                "line 5: row: no address and no email: every parent needs at least one way to be reached");
        assertThat(r.accepted().get(0).getParents().get(1).getLivesWithPupil()).isFalse();
    }

    @Test
    void a_file_without_the_expected_columns_is_refused_at_the_header() throws Exception {
        ContactsCsv.Result r = ContactsCsv.read(new StringReader("upn,name\nE801200125001,Claire\n"), "import");
        assertThat(r.accepted()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.toString()).startsWith("line 1: header: missing columns [address_1"));
    }

    @Test
    void a_short_row_is_named_by_its_line_and_holds_back_only_its_family() throws Exception {
        String csv = "\uFEFF" + HEADER
                + "E801200125001,Sam Taylor,p1,Claire Taylor,mother,12 Mill Lane,Northtown,,NR1 2AB,claire@example.com,yes,yes,email\n" // line 2
                + "U801200125002,Ava Jones,p1,Rita Jones,mother\n";                                                                    // line 3
        ContactsCsv.Result r = ContactsCsv.read(new StringReader(csv), "import");
        assertThat(r.errors()).extracting(Object::toString).containsExactly("line 3: row: has 5 of the 13 columns");
        assertThat(r.accepted()).extracting(c -> c.getUpn()).containsExactly("E801200125001");
    }

    @Test
    void a_name_or_address_with_a_line_break_or_control_character_is_refused_by_line_and_column() throws Exception {
        String csv = HEADER
                + "U801200125002,Ava Jones,p1,Rita Jones,mother,\"9 Elm\u0007 Road\",,,NR3 1QQ,,yes,yes,post\n"                   // line 2
                + "E801200125001,Sam Taylor,p1,\"Claire\n## FINAL NOTICE\",mother,12 Mill Lane,Northtown,,NR1 2AB,,yes,yes,post\n"; // lines 3–4
        ContactsCsv.Result r = ContactsCsv.read(new StringReader(csv), "import");
        assertThat(r.accepted()).isEmpty();
        assertThat(r.errors()).extracting(Object::toString).containsExactly(
                "line 2: address_1: contains a control character (U+0007) at character 6",
                "line 3: name: must be one line: it contains a line break at character 7");
    }

    @Test
    void a_problem_after_a_field_that_spans_two_lines_is_named_by_the_files_own_line() throws Exception {
        String csv = HEADER
                + "E801200125001,Sam Taylor,p1,Claire Taylor,mother,\"12 Mill Lane\nNorthtown\",,,NR1 2AB,,yes,yes,post\n" // lines 2–3
                + "U801200125002,Ava Jones,p1,Rita Jones,mother,9 Elm Road,,,NR3 1QQ,,maybe,yes,post\n";               // line 4
        ContactsCsv.Result r = ContactsCsv.read(new StringReader(csv), "import");
        assertThat(r.errors()).extracting(Object::toString).containsExactly(
                "line 2: address_1: must be one line: it contains a line break at character 13",
                "line 4: lives_with_pupil: 'maybe': yes or no");
    }
}
