package io.attendance.tools.demo;

import io.attendance.app.replay.Replay;

import io.attendance.app.demo.DemoLa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo LA's autumn term written as files (`attendance demo-files`) and replayed: the same cases as
 * the live demo measured on a fresh run (README's tour: 1,503 cases — APWS 881, penalty notice 331,
 * Norfolk 189, County 80, Blackburn 22) and the same letters (1,706 PDFs, 13 not sent for want of contacts).
 */
class DemoReplayFilesTest {
    @TempDir
    Path dir;

    @Test
    void the_demo_term_replayed_from_its_files_gives_the_live_demos_cases_and_letters() throws Exception {
        DemoFilesCommand.write(DemoLa.standard(), dir.resolve("in"));
        Replay.Summary s = Replay.run(new Replay.Inputs(dir.resolve("in/schools.yaml"), dir.resolve("in/marks.csv"), null,
                dir.resolve("in/contacts.csv"), null), dir.resolve("out"), null);
        System.out.printf("demo term replayed: %d marks, %d days, %d cases, %d events, %d letters in %d ms (%.0f marks/s)%n",
                s.marks(), s.days(), s.cases(), s.events(), s.letters(), s.millis(), s.marks() * 1000.0 / s.millis());
        Map<String, Integer> byFamily = new TreeMap<>();
        List<String> cases = Files.readAllLines(dir.resolve("out/cases.csv"));
        for (String line : cases.subList(1, cases.size())) {
            String id = line.substring(0, line.indexOf(','));
            String[] p = id.split("-");
            byFamily.merge(String.join("-", java.util.Arrays.copyOfRange(p, 2, p.length - 1)), 1, Integer::sum);
        }
        assertThat(byFamily).containsExactlyInAnyOrderEntriesOf(Map.of("apws", 881, "national-penalty-notice", 331,
                "norfolk-fast-track", 189, "county-attendance-team", 80, "blackburn-with-darwen", 22));
        assertThat(s.rejected()).isZero();
        assertThat(s.marks()).isEqualTo(299_232);
        try (var pdfs = Files.list(dir.resolve("out/letters"))) {
            assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(1_706);
        }
        assertThat(Files.readAllLines(dir.resolve("out/letters/letters.csv")).stream().filter(l -> l.contains(",NOT_SENT,")).count()).isEqualTo(13);
    }
}
