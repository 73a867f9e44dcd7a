package io.attendance.app;

import io.attendance.app.demo.DemoLa;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo LA's autumn term (4 schools, 2,000 pupils, 3 Sep – 19 Dec 2025) through the whole topology,
 * day by day as {@code run} publishes it (each day's marks and amendments, then every school's end of
 * day): the census of cases opened per procedure per school week and of letters per letter id, written
 * to {@code target/demo-census.md} for README and BENCHMARKS. What it asserts is the rule the census is
 * for: no case opens on a percentage before the pupil has 4 whole school weeks of register (from Mon 29
 * Sep for a pupil there from the first day), so none in the first two weeks of the year.
 */
class DemoCensusTest {
    static final List<String> FAMILIES = List.of("apws", "national-penalty-notice", "norfolk-fast-track", "county-attendance-team",
            "blackburn-with-darwen");

    @Test
    void the_demo_terms_census_opens_no_case_on_a_percentage_in_the_first_four_school_weeks() throws Exception {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Topics topics = new Topics(serdes);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "census");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "census", UUID.randomUUID().toString()).toAbsolutePath().toString());
        DemoLa la = DemoLa.standard();
        List<CaseEvent> events = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(AttendanceTopology.build(topics, serdes,
                new TopologySettings(CodeTable.standard(), List.of(6, 10), 1)), props)) {
            TestInputTopic<String, School> schools = driver.createInputTopic(topics.schools.name(), Serdes.String().serializer(),
                    topics.schools.valueSerde().serializer());
            TestInputTopic<String, RegisterMark> marks = driver.createInputTopic(topics.marks.name(), Serdes.String().serializer(),
                    topics.marks.valueSerde().serializer());
            TestInputTopic<String, ClockTick> clock = driver.createInputTopic(topics.clock.name(), Serdes.String().serializer(),
                    topics.clock.valueSerde().serializer());
            TestOutputTopic<String, CaseEvent> out = driver.createOutputTopic(topics.caseEvents.name(), Serdes.String().deserializer(),
                    topics.caseEvents.valueSerde().deserializer());
            for (School s : la.schools()) schools.pipeInput(s.getUrn(), s);
            LocalDate[] day = {null};
            la.marks(m -> {
                LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
                if (day[0] == null) day[0] = recorded;
                for (; day[0].isBefore(recorded); day[0] = day[0].plusDays(1)) endOfDay(la, clock, day[0]);
                marks.pipeInput(new TestRecord<>(MarkKey.of(m).format(), m, m.getRecordedAt()));
            });
            for (; !day[0].isAfter(la.lastDay()); day[0] = day[0].plusDays(1)) endOfDay(la, clock, day[0]);
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(6));
            events.addAll(out.readValuesToList());
        }

        List<CaseEvent> opened = events.stream().filter(e -> e.getType() == CaseEventType.OPENED).toList();
        for (CaseEvent e : opened) {
            if (e.getDetail() != null && e.getDetail().contains("_pct")) {
                assertThat(e.getDate()).as("case %s opened on a percentage", e.getCaseId()).isAfterOrEqualTo(LocalDate.parse("2025-09-29"));
            }
        }
        Files.writeString(Path.of("target", "demo-census.md"), census(opened, events));
        // every procedure the demo's schools follow opens cases, and each case is one of them
        assertThat(opened).extracting(CaseEvent::getCaseId).allMatch(id -> FAMILIES.stream().anyMatch(f -> id.contains("-" + f + "-")));
        for (String f : FAMILIES) assertThat(opened).as(f).anyMatch(e -> e.getCaseId().contains("-" + f + "-"));
    }

    private static void endOfDay(DemoLa la, TestInputTopic<String, ClockTick> clock, LocalDate d) {
        for (School s : la.schools()) {
            clock.pipeInput(new TestRecord<>(s.getUrn() + "|" + d, new ClockTick(s.getUrn(), d, "data"),
                    d.atTime(18, 0).toInstant(ZoneOffset.UTC)));
        }
    }

    /** Cases opened per procedure per school week (Mondays), then letters per letter id. */
    static String census(List<CaseEvent> opened, List<CaseEvent> events) {
        List<String> families = FAMILIES;
        Map<LocalDate, Map<String, Integer>> byWeek = new TreeMap<>();
        for (CaseEvent e : opened) {
            String family = io.attendance.core.cases.CaseKeys.familyOf(e.getCaseId());
            byWeek.computeIfAbsent(SchoolCalendar.weekOf(e.getDate()), k -> new TreeMap<>()).merge(family, 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder("| week of | APWS | penalty notice | Norfolk | County | Blackburn |\n| --- | --- | --- | --- | --- | --- |\n");
        int[] totals = new int[families.size()];
        for (var w : byWeek.entrySet()) {
            b.append("| ").append(w.getKey().getDayOfMonth()).append(' ').append(w.getKey().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.UK));
            for (int i = 0; i < families.size(); i++) {
                int n = w.getValue().getOrDefault(families.get(i), 0);
                totals[i] += n;
                b.append(" | ").append(n);
            }
            b.append(" |\n");
        }
        b.append("| **total** |");
        for (int t : totals) b.append(" **").append(t).append("** |");
        b.append("\n\n| letter | requested |\n| --- | --- |\n");
        Map<String, Integer> letters = new TreeMap<>();
        events.stream().filter(e -> e.getType() == CaseEventType.LETTER_REQUESTED).forEach(e -> letters.merge(e.getLetterId(), 1, Integer::sum));
        letters.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        b.append("\n").append(opened.size()).append(" cases, ")
                .append(events.stream().filter(e -> e.getType() == CaseEventType.LETTER_REQUESTED).count()).append(" letters requested\n");
        return b.toString();
    }
}
