package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoLoader;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three weeks of the demo LA (2,000 pupils, amendments included) through the real broker and
 * topology: every pupil's year-to-date figures and flags equal an independent recount of the marks.
 */
class DemoReplayTest {
    // The 2024 categories, written out here independently of the code table file.
    private static final Set<String> ATTENDED = Set.of("/", "\\", "L", "K", "V", "P", "W", "B");
    private static final Set<String> AUTHORISED = Set.of("C", "C1", "C2", "M", "J1", "S", "T", "R", "I", "E");
    private static final Set<String> UNAUTHORISED = Set.of("G", "N", "O", "U");

    private static EmbeddedBroker broker;
    private static AttendanceNode node;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("replay");
        node = TestNodes.node(broker, "replay-" + UUID.randomUUID(), "replay-node");
    }

    @AfterAll
    static void stop() {
        node.close();
        broker.close();
    }

    @Test
    void everyPupilsYearToDateMatchesAnIndependentRecountOfTheDemoMarks() {
        DemoLa la = DemoLa.scaled(1, LocalDate.parse("2025-09-19"));
        Map<String, RegisterMark> standing = new HashMap<>();
        la.marks(m -> standing.merge(m.getUrn() + m.getUpn() + m.getDate() + m.getSession(), m,
                (old, now) -> now.getRecordedAt().isBefore(old.getRecordedAt()) ? old : now));
        Map<String, String> expected = new TreeMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (RegisterMark m : standing.values()) {
            int[] c = counts.computeIfAbsent(m.getUpn(), u -> new int[4]);
            String code = m.getCode();
            if (ATTENDED.contains(code)) { c[0]++; c[1]++; }
            else if (AUTHORISED.contains(code)) { c[0]++; c[2]++; }
            else if (UNAUTHORISED.contains(code)) { c[0]++; c[3]++; }
        }
        counts.forEach((upn, c) -> {
            List<String> flags = new ArrayList<>();
            int absent = c[2] + c[3];
            if (absent * 10 >= c[0]) flags.add("PERSISTENT_ABSENCE");
            if (absent * 2 >= c[0]) flags.add("SEVERE_ABSENCE");
            if (c[3] >= 10) flags.add("PENALTY_NOTICE_ELIGIBLE"); // three weeks: all inside 10 school weeks
            expected.put(upn, c[0] + "/" + c[1] + "/" + c[2] + "/" + c[3] + " " + flags);
        });

        DemoLoader.load(la, node.publisher());

        Http http = new Http(node.httpPort());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, String> actual = new TreeMap<>();
            for (School s : la.schools()) {
                Http.Response r = http.get("/api/v1/schools/" + s.getUrn() + "/pupils");
                assertThat(r.status()).isEqualTo(200);
                for (JsonNode p : r.json().get("pupils")) {
                    JsonNode y = p.get("yearToDate");
                    List<String> flags = new ArrayList<>();
                    p.get("flags").forEach(f -> flags.add(f.asText()));
                    actual.put(p.get("upn").asText(), y.get("possible").asInt() + "/" + y.get("attended").asInt() + "/"
                            + y.get("authorised").asInt() + "/" + y.get("unauthorised").asInt() + " " + flags);
                }
            }
            assertThat(actual).hasSize(2000).isEqualTo(expected);
        });
        // The demo is not all present: the recount itself holds each flag.
        assertThat(expected.values()).anyMatch(v -> v.contains("PERSISTENT_ABSENCE"))
                .anyMatch(v -> v.contains("SEVERE_ABSENCE")).anyMatch(v -> v.contains("PENALTY_NOTICE_ELIGIBLE"));
    }
}
