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

    /**
     * One entry at a time from the last key seen (not a live iterator), so a processor that changes the
     * store between steps sees the store as it now is, never a ConcurrentModificationException.
     */
    @Override
    public Cursor seek(byte[] from) {
        return new Cursor() {
            private Map.Entry<Bytes, byte[]> last;
            private boolean started;

            @Override
            public Entry next() {
                if (started && last == null) return null;
                last = started ? map.higherEntry(last.getKey()) : map.ceilingEntry(Bytes.wrap(from));
                started = true;
                return last == null ? null : new Entry(last.getKey().get(), last.getValue());
            }

            @Override
            public void close() {
            }
        };
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
