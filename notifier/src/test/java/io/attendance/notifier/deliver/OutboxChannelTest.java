package io.attendance.notifier.deliver;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutboxChannelTest {
    @TempDir
    Path outbox;

    @Test
    void the_print_room_gets_the_pdf_in_the_days_folder_and_one_manifest_row_even_if_written_twice() throws Exception {
        OutboxChannel channel = new OutboxChannel(outbox);
        String file = channel.deliver(Letters.toClaire());
        channel.deliver(Letters.toClaire()); // a retry after a crash

        assertThat(file).isEqualTo("2025-11-03/0A1B2C3D4E5F.pdf");
        assertThat(Files.readAllBytes(outbox.resolve(file))).isEqualTo(Letters.PDF);
        assertThat(OutboxChannel.listedLetterIds(outbox)).containsExactly("E801200125001-100001-apws-1:4:p1");
        assertThat(Files.readAllLines(outbox.resolve("2025-11-03/manifest.csv")).get(1))
                .contains("Claire Taylor", "\"12 Mill Lane, Northtown, NR1 2AB\"", "AL 1.2.0", "2025-11-03");
        try (var files = Files.list(outbox.resolve("2025-11-03"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("0A1B2C3D4E5F.pdf", "manifest.csv");
        }
    }

    @Test
    void the_outbox_folders_pdfs_and_manifest_are_readable_by_the_notifiers_own_user_only() throws Exception {
        assumeTrue(outbox.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path root = outbox.resolve("outbox"); // not there yet: the channel creates it
        OutboxChannel channel = new OutboxChannel(root);
        channel.deliver(Letters.toClaire());
        Files.writeString(root.resolve("2025-11-03/0A1B2C3D4E5F.pdf.tmp"), "left by a crash"); // umask permissions
        channel.deliver(Letters.toClaire());

        assertThat(permissions(root)).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("2025-11-03"))).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("2025-11-03/0A1B2C3D4E5F.pdf"))).isEqualTo("rw-------");
        assertThat(permissions(root.resolve("2025-11-03/manifest.csv"))).isEqualTo("rw-------");
    }

    @Test
    void a_manifest_field_a_spreadsheet_would_run_as_a_formula_is_written_as_text() throws Exception {
        OutgoingLetter claire = Letters.toClaire();
        OutgoingLetter hostile = new OutgoingLetter(claire.letterId(), claire.letterNumber(), "\tAL 1.2.0", "@SUM(1)", "+44 case",
                "\rRiverside", claire.laName(), "=HYPERLINK(\"http://x\")", List.of("-1+2", "Northtown"), claire.email(),
                claire.dated(), claire.pdf());
        OutboxChannel channel = new OutboxChannel(outbox);
        channel.deliver(hostile);
        channel.deliver(hostile); // the manifest is still read back: no second row

        try (Reader r = Files.newBufferedReader(outbox.resolve("2025-11-03/manifest.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(1);
            CSVRecord row = rows.get(0);
            assertThat(row.get("recipient")).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(row.get("title")).isEqualTo("'@SUM(1)");
            assertThat(row.get("address")).isEqualTo("'-1+2, Northtown");
            assertThat(row.get("case")).isEqualTo("'+44 case");
            assertThat(row.get("school")).isEqualTo("'\rRiverside");
            assertThat(row.get("letter_ref")).isEqualTo("'\tAL 1.2.0");
            assertThat(row.get("letter_id")).isEqualTo("E801200125001-100001-apws-1:4:p1");
            assertThat(row.get("pages_pdf_bytes")).isEqualTo(Integer.toString(Letters.PDF.length));
        }
        assertThat(OutboxChannel.listedLetterIds(outbox)).containsExactly("E801200125001-100001-apws-1:4:p1");
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void the_first_letter_into_an_outbox_not_yet_made_at_a_relative_path_is_delivered_at_the_first_attempt() throws Exception {
        // As the services are configured (ATTENDANCE_OUTBOX=./data/outbox): Files.createDirectories answers
        // an absolute path when it makes parents, which must not leak into the relative file reference.
        Path relative = Path.of("target", "outbox-" + java.util.UUID.randomUUID(), "outbox");
        String file = new OutboxChannel(relative).deliver(Letters.toClaire());
        assertThat(file).isEqualTo(Letters.toClaire().dated() + "/0A1B2C3D4E5F.pdf");
        assertThat(Files.readAllBytes(relative.resolve(file))).isEqualTo(Letters.PDF);
    }
}
