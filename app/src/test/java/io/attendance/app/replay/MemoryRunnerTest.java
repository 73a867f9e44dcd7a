package io.attendance.app.replay;

import io.attendance.app.demo.DemoLa;
import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.RollChange;
import io.attendance.schemas.School;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.streams.topology.DiskStoreTables;
import io.attendance.streams.topology.MemoryRunner;
import io.attendance.streams.topology.StoreTable;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay's in-memory runner is judged against Kafka's own TopologyTestDriver: the same input
 * records (a term of a small demo LA with amendments, a move, actions, and records no processor can
 * read) give the same bytes on every output topic, the same dead letters with the same headers, and
 * the same contents in every store.
 */
class MemoryRunnerTest {
    private final SingleObjectSerdes serdes = new SingleObjectSerdes();
    private final Topics topics = new Topics(serdes);
    private final TopologySettings settings = new TopologySettings(CodeTable.standard(), List.of(6, 10), 1, PolicyRegistry.shipped(),
            WorkingDays.england(), TopologySettings.LIVE_TICK_QUIET);

    /** One input record, in the order both runtimes read them. */
    private record In(String topic, byte[] key, byte[] value, long timestamp) {
    }

    @Test
    void aTermOfAnLaGivesTheSameOutputsAndStoresAsKafkasTestDriverWithStoresOnTheHeapOrOnDisk(@TempDir Path dir) {
        List<In> input = input();
        assertThat(input).hasSizeGreaterThan(30_000);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        List<String> outputs = List.of(topics.caseEvents.name(), topics.signals.name(), topics.pupilChanges.name(), topics.marksDlq.name(),
                topics.clockDlq.name(), topics.caseActionsDlq.name(), topics.rollChangesDlq.name(), topics.lettersDlq.name());
        List<String> stores = List.of(StoreNames.PUPILS, StoreNames.PUPIL_MARKS, StoreNames.SCHOOL_PUPILS, StoreNames.SCHOOL_AS_OF,
                StoreNames.CASES, StoreNames.CASE_INDEX, StoreNames.CASE_DEADLINES, StoreNames.CLOCK_SEEN, StoreNames.CLOCK_PENDING,
                StoreNames.CASE_ACTION_LOG, StoreNames.CASE_LETTERS, StoreNames.CASE_LISTINGS, StoreNames.SCHOOLS);

        List<String> expected = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(AttendanceTopology.build(topics, serdes, settings), props)) {
            List<TestOutputTopic<byte[], byte[]>> out = outputs.stream().map(t -> driver.createOutputTopic(t,
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())).toList();
            Map<String, org.apache.kafka.streams.TestInputTopic<byte[], byte[]>> in = new java.util.HashMap<>();
            for (In r : input) {
                in.computeIfAbsent(r.topic(), t -> driver.createInputTopic(t, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer()))
                        .pipeInput(new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp())));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(6));
            for (int i = 0; i < outputs.size(); i++) {
                for (TestRecord<byte[], byte[]> r : out.get(i).readRecordsToList()) {
                    expected.add(line(outputs.get(i), r.key(), r.value(), r.timestamp(), r.headers().toArray()));
                }
            }
            for (String s : stores) expected.addAll(contents(s, driver.getKeyValueStore(s)));
        }

        List<String> onHeap = memoryRun(input, outputs, stores, StoreTable.Factory.heap());
        List<String> onDisk;
        try (DiskStoreTables disk = new DiskStoreTables(dir, "disk-", 32L << 20)) {
            onDisk = memoryRun(input, outputs, stores, disk);
        }
        assertThat(expected).as("the driver's run has cases, signals and dead letters to compare")
                .anyMatch(l -> l.startsWith(topics.caseEvents.name()))
                .anyMatch(l -> l.startsWith(topics.signals.name()))
                .anyMatch(l -> l.startsWith(topics.marksDlq.name()))
                .anyMatch(l -> l.startsWith(topics.caseActionsDlq.name()))
                .anyMatch(l -> l.startsWith(topics.lettersDlq.name()));
        for (List<String> actual : List.of(onHeap, onDisk)) {
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) assertThat(actual.get(i)).as("line %d", i).isEqualTo(expected.get(i));
        }
    }

    /** The input through the in-memory runner with its stores where {@code tables} keeps them: outputs, then stores. */
    private List<String> memoryRun(List<In> input, List<String> outputs, List<String> stores, StoreTable.Factory tables) {
        List<String> actual = new ArrayList<>();
        MemoryRunner runner = MemoryRunner.of(topics, serdes, settings, 0, tables);
        for (In r : input) runner.pipe(r.topic(), r.key(), r.value(), r.timestamp());
        runner.advanceWallClock(Duration.ofSeconds(6));
        for (String t : outputs) {
            for (MemoryRunner.Output o : runner.take(t)) actual.add(line(t, o.key(), o.value(), o.timestamp(), o.headers().toArray()));
        }
        for (String s : stores) actual.addAll(contents(s, runner.store(s)));
        return actual;
    }

    @Test
    void cases_kept_before_the_case_listings_existed_are_listed_once_the_upgraded_instance_reads_again() {
        MemoryRunner runner = MemoryRunner.of(topics, serdes, settings);
        for (In r : input()) runner.pipe(r.topic(), r.key(), r.value(), r.timestamp());
        KeyValueStore<String, io.attendance.schemas.CaseState> cases = runner.store(StoreNames.CASES);
        List<String> expected = new ArrayList<>();
        try (KeyValueIterator<String, io.attendance.schemas.CaseState> it = cases.all()) {
            while (it.hasNext()) {
                io.attendance.schemas.CaseState c = it.next().value;
                // worked from the case itself: its school, id, status, stage and open tasks, as lists show them
                expected.add(c.getUrn() + "|" + c.getCaseId() + " " + c.getStatus() + " " + c.getStage() + " " + c.getTasks());
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        KeyValueStore<String, io.attendance.schemas.CaseListing> listings = runner.store(StoreNames.CASE_LISTINGS);
        assertThat(listed(listings)).containsExactlyInAnyOrderElementsOf(expected);

        // the instance before the upgrade kept no listings
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, io.attendance.schemas.CaseListing> it = listings.all()) {
            while (it.hasNext()) keys.add(it.next().key);
        }
        keys.forEach(listings::delete);
        runner.restart();
        runner.pipe(topics.caseActions.name(), bytes("x"), new byte[]{9}, LocalDate.parse("2025-12-20").atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(listed(listings)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> listed(KeyValueStore<String, io.attendance.schemas.CaseListing> listings) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, io.attendance.schemas.CaseListing> it = listings.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                out.add(kv.key + " " + kv.value.getStatus() + " " + kv.value.getStage() + " " + kv.value.getTasks());
            }
        }
        return out;
    }

    /** The demo LA at a tenth of its size, its autumn term as the demo loader publishes it, and the odd records. */
    private List<In> input() {
        DemoLa full = DemoLa.standard();
        List<DemoLa.DemoSchool> small = full.demoSchools().stream()
                .map(s -> new DemoLa.DemoSchool(s.school(), s.pupils() / 10, s.establishment())).toList();
        DemoLa la = new DemoLa(small, LocalDate.parse("2025-09-03"), LocalDate.parse("2025-12-19"), 20250903L);
        List<In> in = new ArrayList<>();
        Serializer<String> keys = Serdes.String().serializer();
        for (School s : la.schools()) in.add(new In(topics.schools.name(), bytes(s.getUrn()),
                topics.schools.valueSerde().serializer().serialize(topics.schools.name(), s), 0));
        String mover = la.upns(small.get(0)).get(3), opener = la.upns(small.get(1)).get(5);
        String openerUrn = small.get(1).school().getUrn();
        LocalDate[] day = {null};
        la.marks(m -> {
            LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (day[0] == null) day[0] = recorded;
            for (LocalDate d = day[0]; d.isBefore(recorded); d = d.plusDays(1)) {
                if (d.equals(LocalDate.parse("2025-10-06"))) extras(in, d, mover, small.get(3).school().getUrn(), opener, openerUrn);
                for (School s : la.schools()) {
                    in.add(new In(topics.clock.name(), bytes(s.getUrn() + "|" + d),
                            topics.clock.valueSerde().serializer().serialize(topics.clock.name(), new ClockTick(s.getUrn(), d, "data")),
                            d.atTime(18, 0).toInstant(ZoneOffset.UTC).toEpochMilli()));
                }
            }
            day[0] = recorded;
            in.add(new In(topics.marks.name(), bytes(MarkKey.of(m).format()),
                    topics.marks.valueSerde().serializer().serialize(topics.marks.name(), m), m.getRecordedAt().toEpochMilli()));
        });
        return in;
    }

    /** A move, a case opened by hand and acted on, a retracted mark, and records nothing can read. */
    private void extras(List<In> in, LocalDate d, String mover, String to, String opener, String openerUrn) {
        long t = d.atTime(17, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        in.add(new In(topics.rollChanges.name(), bytes(mover), topics.rollChanges.valueSerde().serializer().serialize(topics.rollChanges.name(),
                new RollChange("c1", mover, to, "move", d.plusDays(1), "la-officer")), t));
        CaseAction open = CaseAction.newBuilder().setActionId("a1").setUpn(opener).setCaseId(null).setUrn(openerUrn).setPolicy(null)
                .setAction("open").setDate(d).setFields(Map.of("note", "seen at the gate")).setRecordedBy("officer").build();
        in.add(new In(topics.caseActions.name(), bytes(opener), topics.caseActions.valueSerde().serializer().serialize(topics.caseActions.name(), open), t + 1));
        CaseAction stray = CaseAction.newBuilder(open).setActionId("a2").setCaseId("no-such-case").setAction("meeting-held").build();
        in.add(new In(topics.caseActions.name(), bytes(opener), topics.caseActions.valueSerde().serializer().serialize(topics.caseActions.name(), stray), t + 2));
        RegisterMark retracted = new RegisterMark(opener, openerUrn, d, io.attendance.schemas.Session.PM, "/",
                Instant.ofEpochMilli(t + 3), "test");
        in.add(new In(topics.marks.name(), bytes(MarkKey.of(retracted).format()), null, t + 3));
        in.add(new In(topics.marks.name(), bytes("not a mark key"), new byte[]{1, 2, 3}, t + 4));
        in.add(new In(topics.marks.name(), bytes(MarkKey.of(retracted).format()), new byte[]{1, 2, 3}, t + 5));
        in.add(new In(topics.clock.name(), bytes("x"), new byte[]{9}, t + 6));
        in.add(new In(topics.letters.name(), bytes("x"), new byte[]{9}, t + 7));
        in.add(new In(topics.rollChanges.name(), bytes(mover), new byte[]{9}, t + 8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String line(String topic, byte[] key, byte[] value, long ts, Header[] headers) {
        StringBuilder b = new StringBuilder(topic).append(' ').append(hex(key)).append(' ').append(hex(value)).append(' ').append(ts);
        for (Header h : headers) b.append(' ').append(h.key()).append('=').append(hex(h.value()));
        return b.toString();
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b);
    }

    private static <K, V> List<String> contents(String store, KeyValueStore<K, V> s) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<K, V> it = s.all()) {
            while (it.hasNext()) {
                KeyValue<K, V> kv = it.next();
                out.add(store + " " + kv.key + " = " + (kv.value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(kv.value)));
            }
        }
        return out;
    }
}
