package io.attendance.streams.topology;

import io.attendance.contract.Topics;
import io.attendance.contract.serde.RecordSerdes;
import io.attendance.core.TopologySettings;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the service's own topology ({@link AttendanceTopology#wire}) in this thread, in memory, one
 * input record at a time, each to completion: the single task a replay needs, with no broker, no
 * changelogs and no commits. Records go from node to node as Kafka Streams passes them (a forward
 * reaches the named child, or every child), stores keep values serialized (see {@link MemoryStore}),
 * and what the sinks write is kept per topic until taken; a sink writing to one of the topology's
 * own input topics is read back after the record that wrote it, as Kafka would deliver it.
 * The wall clock stands still until {@link #advanceWallClock} moves it, as in a TopologyTestDriver.
 */
public final class MemoryRunner {
    /** A record a sink wrote: serialized as the service would produce it. */
    public record Output(byte[] key, byte[] value, long timestamp, Headers headers) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<Node>> sourcesByTopic = new HashMap<>();
    private final Map<String, StateStore> stores = new HashMap<>();
    private final Map<String, List<Output>> outputs = new HashMap<>();
    private final ArrayDeque<Runnable> feedback = new ArrayDeque<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private final int partition;
    private final StoreTable.Factory tables;
    private RecordMetadata current;
    private long wallClockMs;
    private long streamTimeMs = -1;

    private MemoryRunner(int partition, StoreTable.Factory tables) {
        this.partition = partition;
        this.tables = tables;
    }

    public static MemoryRunner of(Topics topics, RecordSerdes serdes, TopologySettings settings) {
        return of(topics, serdes, settings, 0);
    }

    /**
     * The task of one partition of the pupil-keyed topics (of {@code settings.pupilPartitions()}): its
     * records must be that partition's, as Kafka would deliver them, and every day end goes to each.
     */
    public static MemoryRunner of(Topics topics, RecordSerdes serdes, TopologySettings settings, int partition) {
        return of(topics, serdes, settings, partition, StoreTable.Factory.heap());
    }

    /** As {@link #of(Topics, RecordSerdes, TopologySettings, int)}, each store's entries kept where {@code tables} opens them. */
    public static MemoryRunner of(Topics topics, RecordSerdes serdes, TopologySettings settings, int partition,
                                  StoreTable.Factory tables) {
        MemoryRunner r = new MemoryRunner(partition, tables);
        AttendanceTopology.wire(r.new Builder(), topics, serdes, settings);
        r.init();
        return r;
    }

    /** Reads one record from {@code topic} and runs it, and whatever it feeds back, to completion. */
    public void pipe(String topic, byte[] key, byte[] value, long timestamp) {
        deliver(topic, key, value, timestamp, new RecordHeaders());
        while (!feedback.isEmpty()) feedback.poll().run();
    }

    public <K, V> void pipe(String topic, Serializer<K> keys, Serializer<V> values, K key, V value, long timestamp) {
        pipe(topic, keys.serialize(topic, key), values.serialize(topic, value), timestamp);
    }

    /** What the sinks wrote to {@code topic} since it was last taken, in the order written. */
    public List<Output> take(String topic) {
        List<Output> out = outputs.remove(topic);
        return out == null ? List.of() : out;
    }

    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> store(String name) {
        StateStore s = stores.get(name);
        if (s == null) throw new IllegalArgumentException("no store " + name);
        return (KeyValueStore<K, V>) s;
    }

    /** What a store holds, as its changelog would carry it (serialized keys and values). */
    public record Footprint(long entries, long keyBytes, long valueBytes) {
    }

    /** Every store's footprint by name (the global schools store included). */
    public Map<String, Footprint> footprints() {
        Map<String, Footprint> out = new java.util.TreeMap<>();
        stores.forEach((name, s) -> out.put(name, ((MemoryStore<?, ?>) s).footprint()));
        return out;
    }

    /** Moves the wall clock on and runs each wall-clock punctuation then due, once, earliest first. */
    public void advanceWallClock(Duration by) {
        wallClockMs += by.toMillis();
        List<Schedule> due = new ArrayList<>();
        for (Schedule s : schedules) if (!s.cancelled && s.next <= wallClockMs) due.add(s);
        due.sort(Comparator.comparingLong(s -> s.next));
        for (Schedule s : due) {
            s.next = wallClockMs + s.interval;
            current = null;
            s.punctuator.punctuate(wallClockMs);
            while (!feedback.isEmpty()) feedback.poll().run();
        }
    }

    private void deliver(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        List<Node> sources = sourcesByTopic.get(topic);
        if (sources == null) throw new IllegalArgumentException("no source reads " + topic);
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        current = new Meta(topic, partition, offset);
        streamTimeMs = Math.max(streamTimeMs, timestamp);
        Record<Object, Object> record = new Record<>(key, value, timestamp, headers);
        for (Node source : sources) source.forward(record, null);
    }

    private void init() {
        for (Node n : nodes.values()) if (n.processor != null) n.processor.init(n.new Context());
    }

    /**
     * As an instance restarting on the stores it kept: every processor made anew and initialised, its
     * in-memory state and punctuations gone, the stores as they were.
     */
    public void restart() {
        schedules.clear();
        for (Node n : nodes.values()) if (n.supplier != null) n.processor = n.make();
        init();
    }

    private record Meta(String topic, int partition, long offset) implements RecordMetadata {
    }

    private static final class Schedule implements Cancellable {
        final long interval;
        final Punctuator punctuator;
        long next;
        boolean cancelled;

        Schedule(long interval, long next, Punctuator punctuator) {
            this.interval = interval;
            this.next = next;
            this.punctuator = punctuator;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** A source, processor or sink, and the nodes it forwards to. */
    private final class Node {
        final String name;
        final ProcessorSupplier<?, ?, ?, ?> supplier;
        Processor<Object, Object, Object, Object> processor;
        final List<Node> children = new ArrayList<>();
        final List<String> storeNames = new ArrayList<>();
        Sink sink;

        Node(String name, ProcessorSupplier<?, ?, ?, ?> supplier) {
            this.name = name;
            this.supplier = supplier;
            this.processor = supplier == null ? null : make();
        }

        @SuppressWarnings("unchecked")
        Processor<Object, Object, Object, Object> make() {
            return (Processor<Object, Object, Object, Object>) supplier.get();
        }

        void forward(Record<Object, Object> record, String child) {
            for (Node c : children) {
                if (child != null && !c.name.equals(child)) continue;
                c.receive(record);
            }
        }

        void receive(Record<Object, Object> record) {
            if (sink != null) sink.write(record);
            else processor.process(record);
        }

        final class Context implements ProcessorContext<Object, Object> {
            @Override
            public <K, V> void forward(Record<K, V> record) {
                Node.this.forward(cast(record), null);
            }

            @Override
            public <K, V> void forward(Record<K, V> record, String childName) {
                Node.this.forward(cast(record), childName);
            }

            @SuppressWarnings("unchecked")
            private Record<Object, Object> cast(Record<?, ?> r) {
                return (Record<Object, Object>) r;
            }

            @Override
            public String applicationId() {
                return "replay";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public Optional<RecordMetadata> recordMetadata() {
                return Optional.ofNullable(current);
            }

            @Override
            public Serde<?> keySerde() {
                return Serdes.ByteArray();
            }

            @Override
            public Serde<?> valueSerde() {
                return Serdes.ByteArray();
            }

            @Override
            public File stateDir() {
                return null;
            }

            @Override
            public StreamsMetrics metrics() {
                throw new UnsupportedOperationException("no metrics in memory");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <S extends StateStore> S getStateStore(String store) {
                if (!storeNames.contains(store) && !store.equals(StoreNames.SCHOOLS)) {
                    throw new IllegalStateException("processor " + name + " is not connected to store " + store);
                }
                return (S) stores.get(store);
            }

            @Override
            public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
                if (type != PunctuationType.WALL_CLOCK_TIME) throw new UnsupportedOperationException("stream-time punctuation");
                Schedule s = new Schedule(interval.toMillis(), wallClockMs + interval.toMillis(), callback);
                schedules.add(s);
                return s;
            }

            @Override
            public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
                throw new UnsupportedOperationException("aligned punctuation");
            }

            @Override
            public void commit() {
            }

            @Override
            public Map<String, Object> appConfigs() {
                return Collections.emptyMap();
            }

            @Override
            public Map<String, Object> appConfigsWithPrefix(String prefix) {
                return Collections.emptyMap();
            }

            @Override
            public long currentSystemTimeMs() {
                return wallClockMs;
            }

            @Override
            public long currentStreamTimeMs() {
                return streamTimeMs;
            }
        }
    }

    private final class Sink {
        final String topic;
        final Serializer<Object> keys;
        final Serializer<Object> values;

        Sink(String topic, Serializer<Object> keys, Serializer<Object> values) {
            this.topic = topic;
            this.keys = keys;
            this.values = values;
        }

        void write(Record<Object, Object> r) {
            byte[] k = keys.serialize(topic, r.headers(), r.key());
            byte[] v = values.serialize(topic, r.headers(), r.value());
            if (sourcesByTopic.containsKey(topic)) {
                feedback.add(() -> deliver(topic, k, v, r.timestamp(), r.headers()));
            } else {
                outputs.computeIfAbsent(topic, t -> new ArrayList<>()).add(new Output(k, v, r.timestamp(), r.headers()));
            }
        }
    }

    private final class Builder implements Wiring {
        @Override
        public void globalStore(String store, String source, String topic, String processor,
                                ProcessorSupplier<byte[], byte[], Void, Void> supplier) {
            stores.put(store, new MemoryStore<>(store, Serdes.String(), Serdes.ByteArray(), tables.open(store)));
            source(source, topic);
            processor(processor, supplier, source);
            nodes.get(processor).storeNames.add(store);
        }

        @Override
        public void source(String name, String topic) {
            Node n = new Node(name, null);
            nodes.put(name, n);
            sourcesByTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(n);
        }

        @Override
        public <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents) {
            Node n = new Node(name, supplier);
            nodes.put(name, n);
            for (String p : parents) parent(p).children.add(n);
        }

        @Override
        public <K, V> void store(String name, Serde<K> keys, Serde<V> values, String... processors) {
            stores.put(name, new MemoryStore<>(name, keys, values, tables.open(name)));
            for (String p : processors) parent(p).storeNames.add(name);
        }

        @Override
        public void connect(String processor, String... storeNames) {
            for (String s : storeNames) parent(processor).storeNames.add(s);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values,
                                StreamPartitioner<K, V> partitioner, String... parents) {
            Node n = new Node(name, null);
            n.sink = new Sink(topic, (Serializer<Object>) keys, (Serializer<Object>) values);
            nodes.put(name, n);
            for (String p : parents) parent(p).children.add(n);
        }

        private Node parent(String name) {
            Node n = nodes.get(name);
            if (n == null) throw new IllegalArgumentException("no node " + name + " (add parents before children)");
            return n;
        }
    }
}
