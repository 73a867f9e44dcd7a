package io.attendance.app.replay;

import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.RecordSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.School;
import io.attendance.streams.topology.DiskStoreTables;
import io.attendance.streams.topology.MemoryRunner;
import io.attendance.streams.topology.StoreTable;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The service's tasks in memory: one {@link MemoryRunner} per partition of the pupil-keyed topics,
 * fed as Kafka would feed them (a pupil's marks and actions to the pupil's partition, every day end
 * to each), so a replay is partitioned exactly as the service with the same partition count. The
 * partitions share nothing; each day they run side by side on up to {@code threads} threads, and
 * what they write is put into one order that does not depend on how many there are (see
 * {@link #CANONICAL}).
 */
final class ReplayPartitions implements AutoCloseable {
    /** A day's events in a fixed order: by date, then case, then the case's own sequence. */
    static final Comparator<CaseEvent> CANONICAL = Comparator.comparing(CaseEvent::getDate)
            .thenComparing(CaseEvent::getCaseId).thenComparingLong(ReplayPartitions::seq);

    /** Block cache and memtables of the stores on disk, all partitions together. */
    static final long DISK_MEMORY_BYTES = 1L << 30;

    private final Topics topics;
    private final DiskStoreTables disk;
    private final List<MemoryRunner> runners = new ArrayList<>();
    private final ExecutorService pool;
    private final Serializer<String> keys = Serdes.String().serializer();
    private final Serializer<CaseAction> actionWriter;
    private final Serializer<ClockTick> tickWriter;
    private final Deserializer<CaseEvent> eventReader;

    /** @param stateDir null keeps the stores on the heap; else they go on disk in a folder of their own under it, removed on close */
    ReplayPartitions(Topics topics, RecordSerdes serdes, TopologySettings settings, int threads, Path stateDir) {
        this.topics = topics;
        try {
            this.disk = stateDir == null ? null : new DiskStoreTables(stateDir, "replay-", DISK_MEMORY_BYTES);
        } catch (UncheckedIOException e) {
            throw new ReplayException("cannot use " + stateDir + " for the stores: " + e.getCause().getMessage());
        }
        StoreTable.Factory tables = disk == null ? StoreTable.Factory.heap() : disk;
        try {
            for (int p = 0; p < settings.pupilPartitions(); p++) runners.add(MemoryRunner.of(topics, serdes, settings, p, tables));
        } catch (RuntimeException e) {
            if (disk != null) disk.close(); // its native memory and its folder
            throw e;
        }
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, runners.size())), r -> {
            Thread t = new Thread(r, "replay-partition");
            t.setDaemon(true);
            return t;
        });
        this.actionWriter = topics.caseActions.valueSerde().serializer();
        this.tickWriter = topics.clock.valueSerde().serializer();
        this.eventReader = topics.caseEvents.valueSerde().deserializer();
    }

    /** Every school record, to every partition (a global store is on every task). */
    void schools(List<School> schools) {
        for (MemoryRunner r : runners) {
            for (School s : schools) r.pipe(topics.schools.name(), keys, topics.schools.valueSerde().serializer(), s.getUrn(), s, 0L);
        }
    }

    /** The partition that holds the pupil's cases: what an action about them is checked against. */
    KeyValueStore<String, CaseIndex> caseIndex(String upn) {
        return owner(upn).store(StoreNames.CASE_INDEX);
    }

    /** The pupil's register with each session's replaced recordings, from the partition that holds them (a court pack's). */
    List<io.attendance.core.courtpack.RegisterEntry> register(String upn) {
        MemoryRunner r = owner(upn);
        return io.attendance.streams.query.RegisterReader.entries(r.store(StoreNames.PUPIL_MARKS), r.store(StoreNames.MARK_HISTORY), upn);
    }

    /** The pupil's record (figures, roll), from the partition that holds them, or null. */
    io.attendance.schemas.PupilAttendance pupil(String upn) {
        return owner(upn).<String, io.attendance.schemas.PupilAttendance>store(StoreNames.PUPILS).get(upn);
    }

    /** A day's marks recorded before its end (the actions of the day are then checked against the cases as they stand). */
    List<CaseEvent> marks(List<DaySpool.Mark> before) {
        List<List<DaySpool.Mark>> early = byPartition(before);
        List<Callable<List<CaseEvent>>> work = new ArrayList<>();
        for (int p = 0; p < runners.size(); p++) {
            MemoryRunner r = runners.get(p);
            List<DaySpool.Mark> mine = early.get(p);
            work.add(() -> {
                for (DaySpool.Mark m : mine) r.pipe(topics.marks.name(), m.key(), m.value(), m.recordedAt());
                return events(r);
            });
        }
        return gather(work);
    }

    /**
     * The rest of the day: its actions (at {@code actionsAt}), every school's day end (at {@code dayEnd}), then the
     * marks recorded later that day; returns the events written (the caller puts the day in canonical order).
     */
    List<CaseEvent> evening(List<CaseAction> actions, long actionsAt, List<ClockTick> ends, long dayEnd, List<DaySpool.Mark> after) {
        List<List<DaySpool.Mark>> late = byPartition(after);
        List<Callable<List<CaseEvent>>> work = new ArrayList<>();
        for (int p = 0; p < runners.size(); p++) {
            MemoryRunner r = runners.get(p);
            int partition = p;
            work.add(() -> {
                for (CaseAction a : actions) {
                    if (partitionOf(a.getUpn()) == partition) r.pipe(topics.caseActions.name(), keys, actionWriter, a.getUpn(), a, actionsAt);
                }
                for (ClockTick t : ends) r.pipe(topics.clock.name(), keys, tickWriter, t.getUrn() + "|" + t.getDate(), t, dayEnd);
                for (DaySpool.Mark m : late.get(partition)) r.pipe(topics.marks.name(), m.key(), m.value(), m.recordedAt());
                return events(r);
            });
        }
        return gather(work);
    }

    /** The marks each partition reads, in their order: as the pupil partitioner sends them. */
    private List<List<DaySpool.Mark>> byPartition(List<DaySpool.Mark> marks) {
        List<List<DaySpool.Mark>> out = new ArrayList<>();
        for (int p = 0; p < runners.size(); p++) out.add(new ArrayList<>());
        for (DaySpool.Mark m : marks) out.get(partitionOf(m.upn())).add(m);
        return out;
    }

    /** Live mode's quiet evening after the last day: its held day ends apply. */
    List<CaseEvent> finish() {
        List<Callable<List<CaseEvent>>> work = new ArrayList<>();
        for (MemoryRunner r : runners) {
            work.add(() -> {
                r.advanceWallClock(TopologySettings.LIVE_TICK_QUIET.plusSeconds(1));
                return events(r);
            });
        }
        List<CaseEvent> out = gather(work);
        out.sort(CANONICAL);
        return out;
    }

    /**
     * Every value of a store across the partitions, in the order of their keys' bytes (for ASCII keys,
     * such as case ids and UPNs, their string order): each partition's store is walked in key order and
     * the walks merged, so no partition's values are all held at once (they may be on disk).
     */
    <V> long forEachInKeyOrder(String store, Consumer<V> each) {
        PriorityQueue<Head<V>> heads = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        List<KeyValueIterator<String, V>> open = new ArrayList<>();
        long n = 0;
        try {
            for (MemoryRunner r : runners) {
                KeyValueIterator<String, V> it = r.<String, V>store(store).all();
                open.add(it);
                if (it.hasNext()) heads.add(head(it));
            }
            while (!heads.isEmpty()) {
                Head<V> h = heads.poll();
                each.accept(h.value());
                n++;
                if (h.rest().hasNext()) heads.add(head(h.rest()));
            }
        } finally {
            open.forEach(KeyValueIterator::close);
        }
        return n;
    }

    /** A partition's next entry in a merge: its key as the store orders it, its value, and the rest of its walk. */
    private record Head<V>(byte[] key, V value, KeyValueIterator<String, V> rest) {
    }

    private static <V> Head<V> head(KeyValueIterator<String, V> it) {
        KeyValue<String, V> kv = it.next();
        return new Head<>(kv.key.getBytes(StandardCharsets.UTF_8), kv.value, it);
    }

    private List<CaseEvent> gather(List<Callable<List<CaseEvent>>> work) {
        List<CaseEvent> out = new ArrayList<>();
        try {
            for (Future<List<CaseEvent>> f : pool.invokeAll(work)) out.addAll(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private List<CaseEvent> events(MemoryRunner r) {
        List<CaseEvent> out = new ArrayList<>();
        for (MemoryRunner.Output o : r.take(topics.caseEvents.name())) out.add(eventReader.deserialize(topics.caseEvents.name(), o.value()));
        return out;
    }

    private int partitionOf(String upn) {
        return PupilPartitioner.partitionOf(upn, runners.size());
    }

    private MemoryRunner owner(String upn) {
        return runners.get(partitionOf(upn));
    }

    private static long seq(CaseEvent e) {
        String id = e.getEventId();
        return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (disk == null) return;
        try {
            // A partition still running (after an interrupted day) must stop before its stores close under it.
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) throw new IllegalStateException("a replay partition did not stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replay's partitions stopped", e);
        }
        disk.close(); // and its files
    }
}
