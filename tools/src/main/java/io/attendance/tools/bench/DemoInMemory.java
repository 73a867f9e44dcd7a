package io.attendance.tools.bench;

import io.attendance.app.demo.DemoLa;
import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.streams.topology.MemoryRunner;
import io.attendance.streams.topology.StoreTable;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The demo LA fed to one in-memory task of the service's topology, as the demo loader publishes it: for the in-memory benchmarks. */
final class DemoInMemory {
    private final SingleObjectSerdes serdes = new SingleObjectSerdes();
    final Topics topics = new Topics(serdes);
    final MemoryRunner runner;
    final DemoLa la;
    private final Serializer<String> keys = Serdes.String().serializer();
    private final Serializer<RegisterMark> markWriter = topics.marks.valueSerde().serializer();

    /** A task with the shipped procedures, live mode's tick wait, and the LA's schools; stores on the heap. */
    DemoInMemory(DemoLa la) {
        this(la, StoreTable.Factory.heap());
    }

    /** As {@link #DemoInMemory(DemoLa)}, the stores' entries where {@code tables} keeps them. */
    DemoInMemory(DemoLa la, StoreTable.Factory tables) {
        this.la = la;
        this.runner = MemoryRunner.of(topics, serdes,
                new TopologySettings(CodeTable.standard(), List.of(6, 10), 1, PolicyRegistry.shipped(), WorkingDays.england(),
                        TopologySettings.LIVE_TICK_QUIET), 0, tables);
        for (School s : la.schools()) runner.pipe(topics.schools.name(), keys, topics.schools.valueSerde().serializer(), s.getUrn(), s, 0L);
    }

    void mark(RegisterMark m) {
        runner.pipe(topics.marks.name(), keys, markWriter, MarkKey.of(m).format(), m, m.getRecordedAt().toEpochMilli());
    }

    /** Every school's end of day {@code d} (18:00), as the demo publishes it. */
    void dayEnds(LocalDate d) {
        long at = d.atTime(18, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        for (School s : la.schools()) {
            runner.pipe(topics.clock.name(), keys, topics.clock.valueSerde().serializer(), s.getUrn() + "|" + d, new ClockTick(s.getUrn(), d, "data"), at);
        }
    }
}
