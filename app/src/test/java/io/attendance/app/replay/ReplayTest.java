package io.attendance.app.replay;

import io.attendance.core.policy.Stage;


import io.attendance.core.pupil.Upn;
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
 * A hand-built half-term: Riverside (Norfolk 001) and Hilltop (APWS), term from Wed 3 Sep to Fri 24 Oct
 * 2025, every pupil present unless said. Worked by hand:
 * <ul>
 *   <li>Riverside's pupil R: unauthorised (O) Mon 15 – Wed 17 Sep and Thu 18 AM (7); Thu 18 PM recorded
 *   present at 13:30, then amended to O on Fri 19 Sep at 08:00 (it applies on the 19th: the 8th); Fri 19 AM
 *   O, the 9th — Norfolk 001 opens at the end of Fri 19 Sep. The action file records "do not start" on Mon
 *   22 Sep: closed NOT-STARTED.</li>
 *   <li>Hilltop's pupil H: ill (I) Wed 3 – Fri 5 Sep, 6 sessions. Judged from Mon 29 Sep (4 whole school
 *   weeks): 32 of 38 sessions = 84.21% &lt; 95% — APWS Stage 1 invitation (AL 1.2.0) that day.</li>
 *   <li>Two bad rows: an unknown code, and a Saturday.</li>
 * </ul>
 */
class ReplayTest {
    static final String R = Upn.of(938, 2001, 25, 1);
    static final String H = Upn.of(938, 4001, 25, 1);

    @TempDir
    Path dir;

    private Path inputs() throws Exception {
        Files.writeString(dir.resolve("schools.yaml"), """
                schools:
                  - {urn: "100001", name: Riverside Primary, la: Northshire, policy: norfolk-guidance, expectedAttendancePct: 96,
                     terms: [{start: "2025-09-03", end: "2025-10-24"}], closures: []}
                  - {urn: "100002", name: Hilltop Academy, la: Northshire, policy: apws, expectedAttendancePct: 95,
                     terms: [{start: "2025-09-03", end: "2025-10-24"}], closures: []}
                """);
        List<String> rows = new ArrayList<>(List.of("upn,urn,date,session,code,recordedAt"));
        for (LocalDate d = LocalDate.parse("2025-09-03"); !d.isAfter(LocalDate.parse("2025-10-24")); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) continue;
            String r = d.isAfter(LocalDate.parse("2025-09-14")) && d.isBefore(LocalDate.parse("2025-09-18")) ? "O" : "/";
            String rPm = r.equals("O") ? "O" : "\\";
            if (d.equals(LocalDate.parse("2025-09-18"))) r = "O";
            if (d.equals(LocalDate.parse("2025-09-19"))) r = "O";
            rows.add(R + ",100001," + d + ",AM," + r + ",");
            rows.add(R + ",100001," + d + ",PM," + ("\\".equals(rPm) ? "\"\\\"" : rPm) + ",");
            boolean ill = d.isBefore(LocalDate.parse("2025-09-06"));
            rows.add(H + ",100002," + d + ",AM," + (ill ? "I" : "/") + ",");
            rows.add(H + ",100002," + d + ",PM," + (ill ? "I" : "\"\\\"") + ",");
        }
        rows.add(R + ",100001,2025-09-18,PM,O,2025-09-19T08:00:00Z"); // the amendment, recorded the next morning
        rows.add(H + ",100002,2025-09-10,AM,ZZ,");                     // unknown code
        rows.add(H + ",100002,2025-09-13,AM,/,");                      // a Saturday
        Files.write(dir.resolve("marks.csv"), rows);
        Files.writeString(dir.resolve("actions.jsonl"), """
                {"upn": "%s", "urn": "100001", "family": "norfolk-fast-track", "action": "do-not-start", "date": "2025-09-22", "reason": "early help plan in place"}
                """.formatted(R));
        return dir;
    }

    /** @param stateDir where the stores go on disk, or null for the heap */
    private Replay.Summary replay(Path out, Path stateDir) throws Exception {
        Path in = inputs();
        return Replay.run(new Replay.Inputs(in.resolve("schools.yaml"), in.resolve("marks.csv"), in.resolve("actions.jsonl"), null, null,
                Replay.DEFAULT_PARTITIONS, stateDir), out, null);
    }

    @Test
    void two_schools_two_procedures_an_amendment_an_action_and_bad_rows_give_the_cases_worked_by_hand_and_the_same_bytes_again_with_the_stores_on_disk() throws Exception {
        Replay.Summary first = replay(dir.resolve("out1"), null);
        List<String> cases = Files.readAllLines(dir.resolve("out1/cases.csv"));
        List<String> expected = new ArrayList<>(List.of(
                R + "-100001-norfolk-fast-track-1," + R + ",100001,norfolk-guidance,1,2025-09-19,before-start,closed,2025-09-22,NOT-STARTED",
                H + "-100002-apws-1," + H + ",100002,apws,1,2025-09-29,stage-1-invite,open,,"));
        expected.sort(null);
        assertThat(cases).containsExactly("id,upn,urn,policy,version,openedOn,stage,status,closedOn,closureCode", expected.get(0), expected.get(1));
        List<String> events = Files.readAllLines(dir.resolve("out1/case-events.jsonl"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"OPENED\"", "\"date\":\"2025-09-19\"",
                "unauthorised_sessions over 6 school weeks is 9"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"LETTER_REQUESTED\"", "\"date\":\"2025-09-29\"",
                "\"letterId\":\"AL 1.2.0\"", "\"evidence.attendancePct\":\"84.21%\""));
        assertThat(Files.readAllLines(dir.resolve("out1/rejects.csv"))).containsExactly(
                "file,line,field,reason",
                "marks.csv," + (first.marks() + 2) + ",code,unknown attendance code 'ZZ'",
                "marks.csv," + (first.marks() + 3) + ",date,\"2025-09-13 is not a school day of school 100002 (a day closed after its registers "
                        + "takes only a code for a session that was not possible, e.g. Y4 or #)\"");
        assertThat(Files.readString(dir.resolve("out1/report.html"))).contains("norfolk-fast-track", "apws", "AL 1.2.0", "2 rejected");
        assertThat(first.cases()).isEqualTo(2);

        replay(dir.resolve("out2"), dir.resolve("state"));
        assertThat(dir.resolve("state")).as("the stores' files are gone with the replay").isEmptyDirectory();
        for (String f : List.of("cases.csv", "case-events.jsonl", "pupils.csv", "rejects.csv", "report.html")) {
            assertThat(Files.readAllBytes(dir.resolve("out2").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("out1").resolve(f)));
        }
    }
}
