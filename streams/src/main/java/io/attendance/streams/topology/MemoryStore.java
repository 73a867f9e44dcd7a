package io.attendance.streams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A key-value store for {@link MemoryRunner}, with the semantics the RocksDB store gives the
 * processors: keys ordered by their serialized bytes, and values kept serialized, so a value read is
 * a fresh copy and a change to it counts only once it is put back. The entries live in a
 * {@link StoreTable}: on the heap, or on disk. One difference: a range walked on the heap shows
 * writes made during the walk, on disk (as in Kafka's RocksDB store) it shows the store as the walk
 * began. No processor writes into a range it is walking (each collects its keys first), so both give
 * the same bytes, which {@code MemoryRunnerTest} holds them to.
 */
final class MemoryStore<K, V> implements KeyValueStore<K, V> {
    private static final byte[] FIRST = new byte[0];
    private final String name;
    private final String topic;
    private final Serde<K> keys;
    private final Serde<V> values;
    private final StoreTable table;

    MemoryStore(String name, Serde<K> keys, Serde<V> values, StoreTable table) {
        this.name = name;
        this.topic = name + "-changelog"; // what a serde is told, as on Kafka
        this.keys = keys;
        this.values = values;
        this.table = table;
    }

    private byte[] key(K k) {
        return keys.serializer().serialize(topic, k);
    }

    private V value(byte[] v) {
        return v == null ? null : values.deserializer().deserialize(topic, v);
    }

    @Override
    public void put(K k, V v) {
        if (v == null) table.remove(key(k));
        else table.put(key(k), values.serializer().serialize(topic, v));
    }

    @Override
    public V putIfAbsent(K k, V v) {
        V was = get(k);
        if (was == null) put(k, v);
        return was;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> e : entries) put(e.key, e.value);
    }

    @Override
    public V delete(K k) {
        return value(table.remove(key(k)));
    }

    @Override
    public V get(K k) {
        return value(table.get(key(k)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        byte[] f = from == null ? FIRST : key(from);
        byte[] t = to == null ? null : key(to);
        return new Walk(f) {
            @Override
            boolean inRange(byte[] k) {
                return t == null || Arrays.compareUnsigned(k, t) <= 0;
            }
        };
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return new Walk(FIRST);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS serializer) {
        byte[] p = serializer.serialize(topic, prefix);
        return new Walk(p) {
            @Override
            boolean inRange(byte[] k) {
                return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
            }
        };
    }

    /**
     * Walks the table's entries from a key while they are in range; the table's cursor decides what a
     * change made during the walk shows (see {@link HeapTable#seek}, {@link DiskStoreTables}). Subclasses'
     * range checks run in the constructor: they may read only what they capture.
     */
    private class Walk implements KeyValueIterator<K, V> {
        private final StoreTable.Cursor cursor;
        private StoreTable.Entry next;

        Walk(byte[] from) {
            this.cursor = table.seek(from);
            advance();
        }

        boolean inRange(byte[] k) {
            return true;
        }

        private void advance() {
            StoreTable.Entry e = cursor.next();
            next = e != null && inRange(e.key()) ? e : null;
            if (next == null) cursor.close();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public KeyValue<K, V> next() {
            if (next == null) throw new NoSuchElementException();
            StoreTable.Entry e = next;
            advance();
            return KeyValue.pair(keys.deserializer().deserialize(topic, e.key()), value(e.value()));
        }

        @Override
        public K peekNextKey() {
            if (next == null) throw new NoSuchElementException();
            return keys.deserializer().deserialize(topic, next.key());
        }

        @Override
        public void close() {
            cursor.close();
        }
    }

    /** What the store holds as its changelog would: entries, and the bytes of their keys and of their values. */
    MemoryRunner.Footprint footprint() {
        long[] n = new long[3];
        table.forEach((k, v) -> {
            n[0]++;
            n[1] += k.length;
            n[2] += v.length;
        });
        return new MemoryRunner.Footprint(n[0], n[1], n[2]);
    }

    @Override
    public long approximateNumEntries() {
        return table.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void close() {
        table.close();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
