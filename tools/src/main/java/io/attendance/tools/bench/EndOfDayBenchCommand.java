package io.attendance.tools.bench;

import io.attendance.app.demo.DemoLa;
import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.streams.topology.MemoryRunner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Times the end-of-day pass alone: the demo LA scaled is run day by day through the service's topology
 * in memory (one task), and each school day's ends are applied on their own and timed, per pupil on the
 * register. Then, past {@code --to}, school days end with no marks at all: every pupil's figures as they
 * were, only the date moving on. Not a test: figures go in BENCHMARKS.md.
 */
@Command(name = "bench-eod", mixinStandardHelpOptions = true,
        description = "Time the end-of-day evaluation per pupil: on days with the day's marks, and on days when no figure changed.")
public final class EndOfDayBenchCommand implements Callable<Integer> {
    @Option(names = "--factor", defaultValue = "7", description = "Pupils = 2,000 x factor (default 7: 14,000 pupils).")
    int factor;

    @Option(names = "--to", defaultValue = "2025-12-05", description = "Last day with marks (from 3 Sep 2025).")
    LocalDate to;

    @Option(names = "--quiet-days", defaultValue = "5", description = "School days after --to that end with no marks.")
    int quietDays;

    @Override
    public Integer call() {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Topics topics = new Topics(serdes);
        TopologySettings settings = new TopologySettings(CodeTable.standard(), List.of(6, 10), 1, PolicyRegistry.shipped(),
                WorkingDays.england(), TopologySettings.LIVE_TICK_QUIET);
        MemoryRunner runner = MemoryRunner.of(topics, serdes, settings);
        DemoLa la = DemoLa.scaled(factor, to);
        Serializer<String> keys = Serdes.String().serializer();
        for (School s : la.schools()) runner.pipe(topics.schools.name(), keys, topics.schools.valueSerde().serializer(), s.getUrn(), s, 0L);
        SchoolCalendar calendar = SchoolCalendar.of(la.schools().get(0));
        Serializer<RegisterMark> markWriter = topics.marks.valueSerde().serializer();
        List<RegisterMark> day = new ArrayList<>();
        LocalDate[] current = {null};
        long[] evalNanos = {0};
        long[] evalDays = {0};
        la.marks(m -> {
            LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (current[0] != null && recorded.isAfter(current[0])) {
                long took = endDay(runner, topics, la, current[0], day, markWriter);
                if (calendar.isSchoolDay(current[0]) && current[0].isAfter(LocalDate.parse("2025-10-31"))) {
                    evalNanos[0] += took;
                    evalDays[0]++;
                }
                day.clear();
            }
            current[0] = recorded;
            day.add(m);
        });
        endDay(runner, topics, la, current[0], day, markWriter);
        int pupils = la.pupilCount();
        System.out.printf("school days after half term with the day's marks: %d, end of day %.1f µs per pupil on average (%,d pupils)%n",
                evalDays[0], evalNanos[0] / 1000.0 / evalDays[0] / pupils, pupils);
        LocalDate d = to;
        for (int n = 0; n < quietDays; ) {
            d = d.plusDays(1);
            if (!calendar.isSchoolDay(d)) continue;
            n++;
            long took = endDay(runner, topics, la, d, List.of(), markWriter);
            System.out.printf("%s (no marks): end of day %.1f µs per pupil, %d case events%n", d, took / 1000.0 / pupils, eventsOfLastDay);
        }
        return 0;
    }

    private static int eventsOfLastDay;

    /** Pipes the day's marks, then its day ends, and returns how long the day ends took to apply (ns). */
    private static long endDay(MemoryRunner runner, Topics topics, DemoLa la, LocalDate d, List<RegisterMark> marks,
                               Serializer<RegisterMark> markWriter) {
        Serializer<String> keys = Serdes.String().serializer();
        for (RegisterMark m : marks) {
            runner.pipe(topics.marks.name(), keys, markWriter, MarkKey.of(m).format(), m, m.getRecordedAt().toEpochMilli());
        }
        runner.advanceWallClock(Duration.ofSeconds(1)); // the pupils' change notices go out first: not part of the pass
        long t0 = System.nanoTime();
        long at = d.atTime(18, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        for (School s : la.schools()) {
            runner.pipe(topics.clock.name(), keys, topics.clock.valueSerde().serializer(), s.getUrn() + "|" + d, new ClockTick(s.getUrn(), d, "data"), at);
        }
        runner.advanceWallClock(TopologySettings.LIVE_TICK_QUIET); // the evening's quiet: the held day ends apply
        long took = System.nanoTime() - t0;
        runner.take(topics.pupilChanges.name());
        runner.take(topics.signals.name());
        eventsOfLastDay = runner.take(topics.caseEvents.name()).size();
        return took;
    }
}
