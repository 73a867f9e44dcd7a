package io.attendance.streams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A key-value store in memory for {@link MemoryRunner}, with the semantics the RocksDB store gives
 * the processors: keys ordered by their serialized bytes, and values kept serialized, so a value
 * read is a fresh copy and a change to it counts only once it is put back.
 */
final class MemoryStore<K, V> implements KeyValueStore<K, V> {
    private final String name;
    private final String topic;
    private final Serde<K> keys;
    private final Serde<V> values;
    private final TreeMap<Bytes, byte[]> map = new TreeMap<>();

    MemoryStore(String name, Serde<K> keys, Serde<V> values) {
        this.name = name;
        this.topic = name + "-changelog"; // what a serde is told, as on Kafka
        this.keys = keys;
        this.values = values;
    }

    private Bytes key(K k) {
        return Bytes.wrap(keys.serializer().serialize(topic, k));
    }

    private V value(byte[] v) {
        return v == null ? null : values.deserializer().deserialize(topic, v);
    }

    @Override
    public void put(K k, V v) {
        if (v == null) map.remove(key(k));
        else map.put(key(k), values.serializer().serialize(topic, v));
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
        return value(map.remove(key(k)));
    }

    @Override
    public V get(K k) {
        return value(map.get(key(k)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        Bytes f = from == null ? null : key(from), t = to == null ? null : key(to);
        if (f != null && t != null && f.compareTo(t) > 0) return iterator(new TreeMap<>());
        NavigableMap<Bytes, byte[]> part = f == null && t == null ? map
                : f == null ? map.headMap(t, true) : t == null ? map.tailMap(f, true) : map.subMap(f, true, t, true);
        return iterator(part);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return iterator(map);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS serializer) {
        byte[] p = serializer.serialize(topic, prefix);
        NavigableMap<Bytes, byte[]> tail = map.tailMap(Bytes.wrap(p), true);
        return new Walk(tail) {
            @Override
            boolean inRange(Bytes k) {
                byte[] b = k.get();
                if (b.length < p.length) return false;
                for (int i = 0; i < p.length; i++) if (b[i] != p[i]) return false;
                return true;
            }
        };
    }

    private KeyValueIterator<K, V> iterator(NavigableMap<Bytes, byte[]> part) {
        return new Walk(part);
    }

    /**
     * Walks a part of the map one entry at a time from the last key seen (not a live iterator), so a
     * processor that changes the store between steps sees the store as it now is, never a
     * ConcurrentModificationException.
     */
    private class Walk implements KeyValueIterator<K, V> {
        private final NavigableMap<Bytes, byte[]> part;
        private Map.Entry<Bytes, byte[]> next;

        Walk(NavigableMap<Bytes, byte[]> part) {
            this.part = part;
            Map.Entry<Bytes, byte[]> first = part.isEmpty() ? null : part.firstEntry();
            this.next = first != null && inRange(first.getKey()) ? first : null;
        }

        boolean inRange(Bytes k) {
            return true;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public KeyValue<K, V> next() {
            if (next == null) throw new NoSuchElementException();
            Map.Entry<Bytes, byte[]> e = next;
            Map.Entry<Bytes, byte[]> after = part.higherEntry(e.getKey());
            next = after != null && inRange(after.getKey()) ? after : null;
            return KeyValue.pair(keys.deserializer().deserialize(topic, e.getKey().get()), value(e.getValue()));
        }

        @Override
        public K peekNextKey() {
            if (next == null) throw new NoSuchElementException();
            return keys.deserializer().deserialize(topic, next.getKey().get());
        }

        @Override
        public void close() {
        }
    }

    /** What the store holds as its changelog would: entries, and the bytes of their keys and of their values. */
    MemoryRunner.Footprint footprint() {
        long keys = 0, values = 0;
        for (Map.Entry<Bytes, byte[]> e : map.entrySet()) {
            keys += e.getKey().get().length;
            values += e.getValue().length;
        }
        return new MemoryRunner.Footprint(map.size(), keys, values);
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
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
