package io.attendance.streams.topology;

import org.apache.kafka.common.utils.Bytes;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A store's entries in a TreeMap ({@link Bytes} compare as unsigned bytes, as RocksDB does). */
final class HeapTable implements StoreTable {
    private final TreeMap<Bytes, byte[]> map = new TreeMap<>();

    @Override
    public byte[] get(byte[] key) {
        return map.get(Bytes.wrap(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(Bytes.wrap(key), value);
    }

    @Override
    public byte[] remove(byte[] key) {
        return map.remove(Bytes.wrap(key));
    }

    @Override
    public Entry ceiling(byte[] key) {
        return entry(map.ceilingEntry(Bytes.wrap(key)));
    }

    @Override
    public Entry higher(byte[] key) {
        return entry(map.higherEntry(Bytes.wrap(key)));
    }

    private static Entry entry(Map.Entry<Bytes, byte[]> e) {
        return e == null ? null : new Entry(e.getKey().get(), e.getValue());
    }

    @Override
    public long size() {
        return map.size();
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) {
        map.forEach((k, v) -> action.accept(k.get(), v));
    }

    @Override
    public void close() {
    }
}
