package io.attendance.streams.topology;

import java.util.function.BiConsumer;

/**
 * Where a {@link MemoryRunner} store keeps its serialized entries, ordered by the unsigned bytes of
 * their keys as RocksDB orders them: on the heap, or on disk ({@link DiskStoreTables}) when a replay's
 * stores outgrow memory.
 */
public interface StoreTable extends AutoCloseable {
    record Entry(byte[] key, byte[] value) {
    }

    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    /** Removes the key's entry; returns its value, or null if there was none. */
    byte[] remove(byte[] key);

    /** The entries from the first key {@code >= from} on, in key order. */
    Cursor seek(byte[] from);

    /** A walk through a table's entries; closed when done with (an exhausted cursor needs no close). */
    interface Cursor extends AutoCloseable {
        /** The next entry, or null when there are no more. */
        Entry next();

        @Override
        void close();
    }

    long size();

    /** Every entry, in key order. */
    void forEach(BiConsumer<byte[], byte[]> action);

    @Override
    void close();

    /** Opens the table of each store of a runner. */
    @FunctionalInterface
    interface Factory {
        StoreTable open(String store);

        /** Every store in a TreeMap on the heap (the default). */
        static Factory heap() {
            return store -> new HeapTable();
        }
    }
}
