package io.attendance.tools.bench;

import io.attendance.app.demo.DemoLa;
import io.attendance.core.TopologySettings;
import io.attendance.streams.topology.MemoryRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The state a school year leaves per pupil: the demo LA's year (marks with amendments, every day's end,
 * every procedure) run through the service's topology in memory, then each store's entries and their
 * serialized key and value bytes, as its changelog carries them (RocksDB's own files add their overhead
 * and compression on top). Not a test: figures go in BENCHMARKS.md.
 */
@Command(name = "bench-state", mixinStandardHelpOptions = true,
        description = "Bytes per pupil in each store after a school year of the demo LA.")
public final class StateBenchCommand implements Callable<Integer> {
    @Option(names = "--factor", defaultValue = "1", description = "Pupils = 2,000 x factor.")
    int factor;

    @Option(names = "--to", defaultValue = "2026-07-21", description = "Last day (from 3 Sep 2025; default: the end of the school year).")
    LocalDate to;

    @Override
    public Integer call() {
        DemoInMemory demo = new DemoInMemory(DemoLa.scaled(factor, to));
        long[] marks = {0};
        LocalDate[] day = {null};
        demo.la.marks(m -> {
            LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (day[0] != null) for (LocalDate d = day[0]; d.isBefore(recorded); d = d.plusDays(1)) demo.dayEnds(d);
            day[0] = recorded;
            demo.mark(m);
            if (++marks[0] % 100_000 == 0) drain(demo);
        });
        for (LocalDate d = day[0]; !d.isAfter(demo.la.lastDay()); d = d.plusDays(1)) demo.dayEnds(d);
        demo.runner.advanceWallClock(TopologySettings.LIVE_TICK_QUIET.plusSeconds(1));
        drain(demo);
        int pupils = demo.la.pupilCount();
        System.out.printf("%,d pupils, %,d marks, 3 Sep 2025 to %s%n", pupils, marks[0], to);
        System.out.printf("%-18s %12s %14s %14s %14s%n", "store", "entries", "key bytes", "value bytes", "bytes/pupil");
        long total = 0;
        for (Map.Entry<String, MemoryRunner.Footprint> e : demo.runner.footprints().entrySet()) {
            MemoryRunner.Footprint f = e.getValue();
            long bytes = f.keyBytes() + f.valueBytes();
            total += bytes;
            System.out.printf("%-18s %,12d %,14d %,14d %,14.0f%n", e.getKey(), f.entries(), f.keyBytes(), f.valueBytes(), bytes / (double) pupils);
        }
        System.out.printf("%-18s %12s %14s %14s %,14.0f%n", "all stores", "", "", "", total / (double) pupils);
        return 0;
    }

    /** The outputs are not kept: only the stores are measured. */
    private static void drain(DemoInMemory demo) {
        for (String t : new String[]{demo.topics.caseEvents.name(), demo.topics.signals.name(), demo.topics.pupilChanges.name()}) {
            demo.runner.take(t);
        }
    }
}
