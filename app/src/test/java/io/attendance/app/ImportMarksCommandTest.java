package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.letters.ImportCommand;
import io.attendance.core.pupil.Upn;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `attendance import marks`: history onto a running service, checked as the API checks, idempotent. */
class ImportMarksCommandTest {
    static final String UPN = Upn.of(938, 2001, 25, 7);

    private static Path csv(Path dir, String name, LocalDate from, LocalDate to, String... extra) throws Exception {
        List<String> rows = new ArrayList<>(List.of("upn,urn,date,session,code,recordedAt"));
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() > 5) continue;
            rows.add(UPN + ",100001," + d + ",AM," + (d.equals(LocalDate.parse("2025-09-05")) ? "O" : "/") + ",");
            rows.add(UPN + ",100001," + d + ",PM," + (d.equals(LocalDate.parse("2025-09-05")) ? "O" : "\\") + ",");
        }
        rows.addAll(List.of(extra));
        return Files.write(dir.resolve(name), rows);
    }

    private static int importMarks(EmbeddedBroker broker, Path rejects, Path... files) {
        List<String> args = new ArrayList<>(List.of("marks", "--bootstrap-servers", broker.bootstrapServers(), "--rejects", rejects.toString()));
        for (Path f : files) args.add(f.toString());
        return new CommandLine(new ImportCommand()).execute(args.toArray(String[]::new));
    }

    @Test
    void a_term_imported_twice_counts_once_and_bad_rows_are_named_with_their_line() throws Exception {
        Path dir = Files.createDirectories(TestNodes.scratch("import-marks"));
        try (EmbeddedBroker broker = TestNodes.broker("import-marks");
             AttendanceNode node = TestNodes.node(broker, "import-marks", "import-marks")) {
            Http admin = new Http(node.httpPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status() == 200);
            // Wed 3 – Fri 12 Sep: 8 school days, 16 sessions, Fri 5 Sep unauthorised; then two bad rows.
            Path term = csv(dir, "term.csv", LocalDate.parse("2025-09-03"), LocalDate.parse("2025-09-12"),
                    UPN + ",999999,2025-09-08,AM,/,", UPN + ",100001,2025-09-08,AM,/,2999-01-01T00:00:00Z");
            Path rejects = dir.resolve("rejects.csv");
            assertThat(importMarks(broker, rejects, term)).isEqualTo(1);
            assertThat(Files.readAllLines(rejects)).containsExactly("file,line,field,reason",
                    "term.csv,18,urn,unknown school 999999: PUT /api/v1/schools/999999 first",
                    "term.csv,19,recordedAt,2999-01-01T00:00:00Z is in the future");
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/pupils/" + UPN).status() == 200
                    && admin.get("/api/v1/pupils/" + UPN).json().path("yearToDate").path("possible").asInt() == 16);
            // The same file again, then Mon 15 Sep: every mark of the second copy is already standing.
            assertThat(importMarks(broker, rejects, term, csv(dir, "monday.csv", LocalDate.parse("2025-09-15"), LocalDate.parse("2025-09-15")))).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/pupils/" + UPN).json().path("yearToDate").path("possible").asInt() == 18);
            var ytd = admin.get("/api/v1/pupils/" + UPN).json().path("yearToDate");
            assertThat(ytd.path("unauthorised").asInt()).isEqualTo(2);
            assertThat(ytd.path("attended").asInt()).isEqualTo(16);
        }
    }
}
