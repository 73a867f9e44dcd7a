package io.attendance.tools.bench;

import io.attendance.app.demo.DemoLa;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.schemas.RegisterMark;
import io.attendance.streams.topology.DiskStoreTables;
import io.attendance.streams.topology.StoreTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--state-dir", description = "Keep the stores on disk in a folder made here and removed at the end (RocksDB, "
            + "as the service does; 256 MiB of memory, its default) instead of on the heap.")
    Path stateDir;

    @Override
    public Integer call() {
        if (stateDir == null) return run(StoreTable.Factory.heap());
        try (DiskStoreTables disk = new DiskStoreTables(stateDir, "bench-eod-", 256L << 20)) {
            return run(disk);
        }
    }

    private int run(StoreTable.Factory tables) {
        DemoInMemory demo = new DemoInMemory(DemoLa.scaled(factor, to), tables);
        SchoolCalendar calendar = SchoolCalendar.of(demo.la.schools().get(0));
        List<RegisterMark> day = new ArrayList<>();
        LocalDate[] current = {null};
        long[] evalNanos = {0};
        long[] evalDays = {0};
        demo.la.marks(m -> {
            LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (current[0] != null && recorded.isAfter(current[0])) {
                long took = endDay(demo, current[0], day);
                if (calendar.isSchoolDay(current[0]) && current[0].isAfter(LocalDate.parse("2025-10-31"))) {
                    evalNanos[0] += took;
                    evalDays[0]++;
                }
                day.clear();
            }
            current[0] = recorded;
            day.add(m);
        });
        endDay(demo, current[0], day);
        int pupils = demo.la.pupilCount();
        System.out.printf("school days after half term with the day's marks: %d, end of day %.1f µs per pupil on average (%,d pupils)%n",
                evalDays[0], evalNanos[0] / 1000.0 / evalDays[0] / pupils, pupils);
        LocalDate d = to;
        for (int n = 0; n < quietDays; ) {
            d = d.plusDays(1);
            if (!calendar.isSchoolDay(d)) continue;
            n++;
            long took = endDay(demo, d, List.of());
            System.out.printf("%s (no marks): end of day %.1f µs per pupil, %d case events%n", d, took / 1000.0 / pupils, eventsOfLastDay);
        }
        return 0;
    }

    private static int eventsOfLastDay;

    /** Pipes the day's marks, then its day ends, and returns how long the day ends took to apply (ns). */
    private static long endDay(DemoInMemory demo, LocalDate d, List<RegisterMark> marks) {
        marks.forEach(demo::mark);
        demo.runner.advanceWallClock(Duration.ofSeconds(1)); // the pupils' change notices go out first: not part of the pass
        long t0 = System.nanoTime();
        demo.dayEnds(d);
        demo.runner.advanceWallClock(TopologySettings.LIVE_TICK_QUIET); // the evening's quiet: the held day ends apply
        long took = System.nanoTime() - t0;
        demo.runner.take(demo.topics.pupilChanges.name());
        demo.runner.take(demo.topics.signals.name());
        eventsOfLastDay = demo.runner.take(demo.topics.caseEvents.name()).size();
        return took;
    }
}
