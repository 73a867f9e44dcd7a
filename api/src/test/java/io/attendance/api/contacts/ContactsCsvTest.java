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
}
