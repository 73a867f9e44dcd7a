package io.attendance.app;

import io.attendance.app.kafka.GroupProgress;
import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoLoader;
import io.attendance.contract.KafkaPublisher;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Half a term of the demo LA (2,000 pupils, four schools under four procedures plus the national
 * framework), all input on the broker before any instance starts. Run once; run again under a
 * new application id: the same case events, byte for byte. Run a third time in a separate JVM
 * killed with SIGKILL mid-stream and finished by a new instance: every case event exactly once,
 * identical to the undisturbed run.
 */
class CaseReplayTest {
    private static final long IDLE_MS = 0;
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());
    private static final Set<String> INPUTS = TOPICS.streamsInputs();
    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = TestNodes.broker("case-replay");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        io.attendance.app.kafka.TopicAdmin.ensure(broker.bootstrapServers(), TOPICS, 6, (short) 1);
        try (KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), TOPICS)) {
            DemoLoader.load(DemoLa.scaled(1, LocalDate.parse("2025-10-24")), publisher);
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void a_replay_gives_identical_case_events_and_a_crash_mid_stream_neither_loses_nor_duplicates_one() throws Exception {
        // 1. The reference run.
        EventLog.Slice first = runToEnd("replay-a", Map.of());
        Map<String, byte[]> reference = byEventId(first.entries());
        List<CaseEvent> events = decode(first.entries());
        assertThat(events).extracting(CaseEvent::getType).contains(CaseEventType.OPENED, CaseEventType.LETTER_REQUESTED,
                CaseEventType.TASK_CREATED);
        // Blackburn's trigger needs a whole 10-school-week window: the demo's pupils (on the register from
        // 3 Sep) have one from Mon 10 Nov, after this half-term's replay ends.
        assertThat(events.stream().map(CaseEvent::getPolicy).distinct()).contains("apws",
                "county-attendance-team-2017", "norfolk-quick-guide", "national-penalty-notice");

        // 2. The same input again, another application id: the same events.
        EventLog.Slice second = runToEnd("replay-b", first.end());
        dumpDiff(reference, byEventId(second.entries()));
        assertThat(byEventId(second.entries()).keySet()).isEqualTo(reference.keySet());
        byEventId(second.entries()).forEach((id, bytes) -> assertThat(decode(bytes).toString()).as(id).isEqualTo(decode(reference.get(id)).toString()));
        byEventId(second.entries()).forEach((id, bytes) -> assertThat(bytes).as(id).isEqualTo(reference.get(id)));

        // 3. A separate JVM killed mid-stream, then a new instance with the same id and state directory.
        Path data = TestNodes.scratch("crash");
        Process child = new ProcessBuilder(AppJvm.command(List.of("-Xmx512m"), List.of("run",
                "--bootstrap-servers", broker.bootstrapServers(), "--application-id", "replay-crash", "--no-demo",
                "--clock", "data", "--no-notifier", "--port", "0", "--data-dir", data.toString())))
                .redirectErrorStream(true).redirectOutput(data.resolveSibling("crash-child.log").toFile()).start();
        long total = GroupProgress.lag(admin, "no-such-group", INPUTS);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> GroupProgress.lag(admin, "replay-crash", INPUTS) < total * 2 / 3);
        } finally {
            child.destroyForcibly().waitFor();
        }
        long leftAtCrash = GroupProgress.lag(admin, "replay-crash", INPUTS);
        assertThat(leftAtCrash).as("killed mid-stream").isGreaterThan(0);
        EventLog.Slice third;
        try (AttendanceNode node = new AttendanceNode(new NodeSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "replay-crash",
                data.resolve("streams"), "localhost", 0, 6, (short) 1, 0, List.of(6, 10), null, 1, 1000, null, 0, false, TestNodes.ACCESS)).start()) {
            third = awaitDrained("replay-crash", second.end());
        }
        // The child runs without a notifier: letters' tasks are input of their own, not part of this replay.
        Map<String, byte[]> afterCrash = new TreeMap<>();
        for (EventLog.Entry e : third.entries()) {
            String id = decode(e).getEventId();
            assertThat(afterCrash.put(id, e.value())).as("event " + id + " written twice").isNull();
        }
        assertThat(afterCrash.keySet()).isEqualTo(reference.keySet());
        afterCrash.forEach((id, bytes) -> assertThat(decode(bytes).toString()).as(id).isEqualTo(decode(reference.get(id)).toString()));
    }

    private static void dumpDiff(Map<String, byte[]> a, Map<String, byte[]> b) throws Exception {
        StringBuilder out = new StringBuilder();
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            String x = a.containsKey(id) ? decode(a.get(id)).toString() : "-";
            String y = b.containsKey(id) ? decode(b.get(id)).toString() : "-";
            if (!x.equals(y)) out.append(id).append("\n A ").append(x).append("\n B ").append(y).append("\n");
        }
        java.nio.file.Files.writeString(Path.of("target", "replay-diff.txt"), out.toString());
    }

    private static EventLog.Slice runToEnd(String applicationId, Map<Integer, Long> from) throws Exception {
        try (AttendanceNode node = new AttendanceNode(new NodeSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), applicationId,
                TestNodes.scratch(applicationId).resolve("streams"), "localhost", 0, 6, (short) 1, 0, List.of(6, 10),
                null, 1, 1000, null, IDLE_MS, false, TestNodes.ACCESS)).start()) {
            EventLog.Slice drained = awaitDrained(applicationId, from);
            // The reference run's state, asked through the API and the pages: the same answers as before the seams change.
            if (from.isEmpty()) ApiAnswers.matchRecorded(node.httpPort());
            return drained;
        }
    }

    private static EventLog.Slice awaitDrained(String applicationId, Map<Integer, Long> from) {
        return Drained.until(admin, broker.bootstrapServers(), applicationId, INPUTS, TOPICS.caseEvents.name(), from, Duration.ofSeconds(240));
    }

    private static Map<String, byte[]> byEventId(List<EventLog.Entry> entries) {
        Map<String, byte[]> out = new HashMap<>();
        for (EventLog.Entry e : entries) {
            String id = decode(e).getEventId();
            assertThat(out.put(id, e.value())).as("event " + id + " written twice").isNull();
        }
        return out;
    }

    private static List<CaseEvent> decode(List<EventLog.Entry> entries) {
        List<CaseEvent> out = new ArrayList<>();
        for (EventLog.Entry e : entries) out.add(decode(e));
        return out;
    }

    private static CaseEvent decode(EventLog.Entry e) {
        return decode(e.value());
    }

    private static CaseEvent decode(byte[] value) {
        return TOPICS.caseEvents.valueSerde().deserializer().deserialize(TOPICS.caseEvents.name(), value);
    }
}
