package io.attendance.app;

import io.attendance.app.letters.ImportCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `attendance import contacts FILE` on a file it cannot read whole: one line saying why, exit 1, nothing imported. */
class ImportContactsCommandTest {
    private static final String HEADER = "upn,pupil_name,parent_id,name,relationship,address_1,address_2,address_3,postcode,email,"
            + "lives_with_pupil,parental_responsibility,preferred_channel\n";

    private static String run(Path file) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // No broker: a file that cannot be read must stop before anything is published.
            int code = new CommandLine(new ImportCommand()).execute("contacts", file.toString(), "--bootstrap-servers", "localhost:1");
            return code + ":" + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(was);
        }
    }

    @Test
    void a_quote_never_closed_is_named_not_a_stack_trace() throws Exception {
        Path f = Files.createDirectories(TestNodes.scratch("import")).resolve("contacts.csv");
        Files.writeString(f, HEADER + "E801200125001,Sam Taylor,p1,\"Claire Taylor,mother,12 Mill Lane,,,NR1 2AB,,yes,yes,post\n");
        String out = run(f);
        assertThat(out).startsWith("1:").contains("contacts.csv: cannot be read as CSV").contains("nothing was imported")
                .doesNotContain("\tat ");
    }

    @Test
    void a_file_that_is_not_utf8_says_how_to_save_it() throws Exception {
        Path f = Files.createDirectories(TestNodes.scratch("import")).resolve("contacts.csv");
        byte[] latin1 = (HEADER + "E801200125001,Sam Taylor,p1,Zo\u00eb Taylor,mother,12 Mill Lane,,,NR1 2AB,,yes,yes,post\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        assertThat(run(f)).startsWith("1:").contains("not UTF-8 text: save the export as \"CSV UTF-8\"").doesNotContain("\tat ");
    }
}
