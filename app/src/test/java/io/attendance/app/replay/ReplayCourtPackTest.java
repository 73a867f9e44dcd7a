package io.attendance.app.replay;

import io.attendance.core.pupil.Upn;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 replayed from files to the referral to the LA: Riverside (half-term 27–31 Oct, INSET Mon
 * 3 Nov); pupil J unauthorised (O) on both sessions of Wed 3 – Tue 9 Sep and Mon 1 Dec, present
 * otherwise, Thu 4 Sep AM amended to I on 20 Nov; the officer's actions in actions.jsonl; two parents in
 * contacts.csv. Worked by hand (as CourtPackApiTest, the same register live): to Wed 3 Dec, 120 possible
 * sessions, 108 attended, 1 authorised, 11 unauthorised, 90.00%.
 */
class ReplayCourtPackTest {
    static final String J = Upn.of(938, 4001, 25, 301);
    static final String CASE = J + "-100001-norfolk-fast-track-1";

    @TempDir
    Path dir;

    @Test
    void a_replayed_case_referred_for_prosecution_gets_its_court_pack_and_herringbone_with_the_replays_letters_and_the_same_bytes_again() throws Exception {
        inputs();
        Replay.Summary s = run(dir.resolve("out1"));
        assertThat(s.courtPacks()).isEqualTo(1);
        Path pdf = dir.resolve("out1/court-packs").resolve(CASE + ".pdf");
        String text;
        try (var d = Loader.loadPDF(Files.readAllBytes(pdf))) {
            text = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Jamie Reed, UPN " + J, "Alex Reed (p1)", "9 Station Road, Southtown, NR9 9ZZ",
                "120 108 1 11 90.00% 9.17%", "Sessions of unauthorised absence 11", "record as at 3 December 2025",
                "Thu 4 Sept 2025 AM O (recorded 4 Sept 2025 10:00) I (recorded 20 Nov 2025 10:00)", "replay (not sent)",
                "Referred to the LA");
        // Each letter the replay produced is listed with its file, and appended after the timeline.
        List<String> letters = Files.readAllLines(dir.resolve("out1/letters/letters.csv")).stream().filter(l -> l.contains(CASE)).toList();
        assertThat(letters).hasSizeGreaterThanOrEqualTo(5);
        for (String l : letters) assertThat(text).contains("letters/" + l.split(",")[0] + ".pdf");
        assertThat(Files.readAllLines(dir.resolve("out1/court-packs").resolve(CASE + "-herringbone.csv")))
                .contains(J + ",100001,2025-09-04,AM,school day,I,authorised,O recorded 2025-09-04T09:00:00Z,,,,,,,,");

        run(dir.resolve("out2"));
        assertThat(Files.readAllBytes(dir.resolve("out2/court-packs").resolve(CASE + ".pdf"))).isEqualTo(Files.readAllBytes(pdf));
    }

    private Replay.Summary run(Path out) {
        return Replay.run(new Replay.Inputs(dir.resolve("schools.yaml"), dir.resolve("marks.csv"), dir.resolve("actions.jsonl"),
                dir.resolve("contacts.csv"), null), out, null);
    }

    private void inputs() throws Exception {
        Files.writeString(dir.resolve("schools.yaml"), """
                schools:
                  - {urn: "100001", name: Riverside Primary School, la: Northshire, policy: norfolk-guidance, expectedAttendancePct: 96,
                     terms: [{start: "2025-09-03", end: "2025-10-24"}, {start: "2025-11-03", end: "2025-12-19"}], closures: ["2025-11-03"]}
                """);
        List<String> rows = new ArrayList<>(List.of("upn,urn,date,session,code,recordedAt"));
        for (LocalDate d = LocalDate.parse("2025-09-03"); !d.isAfter(LocalDate.parse("2025-12-03")); d = d.plusDays(1)) {
            boolean term = !d.isAfter(LocalDate.parse("2025-10-24")) || d.isAfter(LocalDate.parse("2025-11-03"));
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || !term) continue;
            boolean away = !d.isAfter(LocalDate.parse("2025-09-09")) || d.toString().equals("2025-12-01");
            rows.add(J + ",100001," + d + ",AM," + (away ? "O" : "/") + "," + d + "T09:00:00Z");
            rows.add(J + ",100001," + d + ",PM," + (away ? "O" : "\"\\\"") + "," + d + "T13:00:00Z");
        }
        rows.add(J + ",100001,2025-09-04,AM,I,2025-11-20T10:00:00Z");
        Files.write(dir.resolve("marks.csv"), rows);
        String c = "{\"case\": \"" + CASE + "\", ";
        Files.writeString(dir.resolve("actions.jsonl"), String.join("\n",
                c + "\"action\": \"start-fast-track\", \"date\": \"2025-11-10\", \"siblingsConsidered\": \"yes\", \"aeoConsulted\": \"yes\", "
                        + "\"meetingDate\": \"2025-11-17\", \"meetingTime\": \"15:30\", \"place\": \"Riverside, room 2\", \"attendees\": \"Head; AEO\"}",
                c + "\"action\": \"initial-meeting\", \"date\": \"2025-11-17\", \"allParentsAttended\": \"no\", \"parentsPresent\": \"p1\", "
                        + "\"target\": \"no unauthorised absence\", \"reviewDate\": \"2025-12-03\"}",
                c + "\"action\": \"send-review-invite\", \"date\": \"2025-11-26\", \"meetingDate\": \"2025-12-03\", \"meetingTime\": \"09:00\", "
                        + "\"place\": \"Riverside, room 2\", \"attendees\": \"Head; AEO\"}",
                c + "\"action\": \"review-meeting\", \"date\": \"2025-12-03\", \"allParentsAttended\": \"no\", \"outcome\": \"further-unauthorised-absence\"}") + "\n");
        Files.writeString(dir.resolve("contacts.csv"), """
                upn,pupil_name,parent_id,name,relationship,address_1,address_2,address_3,postcode,email,lives_with_pupil,parental_responsibility,preferred_channel
                %1$s,Jamie Reed,p1,Alex Reed,mother,3 Quay Street,Northtown,,NR2 1AA,,yes,yes,post
                %1$s,Jamie Reed,p2,Sam Reed,father,9 Station Road,Southtown,,NR9 9ZZ,,no,yes,post
                """.formatted(J));
    }
}
