package io.attendance.streams.topology;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Stores on disk in RocksDB, set up as Kafka Streams sets up its own (no compression, universal
 * compaction, 16 MiB memtables, 4 KiB blocks with a Bloom filter, no write-ahead log) with the
 * service's bounded memory: one block cache, memtables charged to it, shared by every store opened
 * here. For replays whose state outgrows the heap, and to time the processors on the store the
 * service runs on. The stores go in a folder of their own, one directory each; {@link #close} closes
 * them all and removes the folder.
 */
public final class DiskStoreTables implements StoreTable.Factory, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final LRUCache cache;
    private final WriteBufferManager writeBuffers;
    private final BloomFilter filter;
    private final WriteOptions writes;
    private final List<Table> open = new ArrayList<>();
    private boolean closed;

    /**
     * @param parent      the folder in which a folder of their own is made for the stores (created if missing)
     * @param prefix      that folder's name starts with it
     * @param memoryBytes block cache and memtables together, for every store opened here
     */
    public DiskStoreTables(Path parent, String prefix, long memoryBytes) {
        try {
            if (!Files.isDirectory(parent)) Files.createDirectories(parent);
            this.dir = Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the stores in " + parent + ": " + e.getMessage(), e);
        }
        this.cache = new LRUCache(memoryBytes, -1, false, 0.1);
        this.writeBuffers = new WriteBufferManager(memoryBytes / 4, cache);
        this.filter = new BloomFilter();
        this.writes = new WriteOptions().setDisableWAL(true);
    }

    @Override
    public synchronized StoreTable open(String store) {
        Path at = dir.resolve(store + "-" + open.size());
        try {
            Files.createDirectories(at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + at, e);
        }
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache).setBlockSize(4096).setFilterPolicy(filter)
                .setCacheIndexAndFilterBlocks(true).setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true);
        Options options = new Options().setCreateIfMissing(true).setErrorIfExists(false)
                .setCompressionType(CompressionType.NO_COMPRESSION).setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setWriteBufferSize(16 * 1024 * 1024L).setMaxWriteBufferNumber(3)
                .setWriteBufferManager(writeBuffers).setTableFormatConfig(table)
                .setInfoLogLevel(InfoLogLevel.ERROR_LEVEL);
        try {
            Table t = new Table(RocksDB.open(options, at.toString()), options);
            open.add(t);
            return t;
        } catch (RocksDBException e) {
            options.close();
            throw new IllegalStateException("cannot open the store " + store + " in " + at + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Table t : open) t.close();
        open.clear();
        writes.close();
        filter.close();
        writeBuffers.close();
        cache.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stores in " + dir, e);
        }
    }

    /** A RocksDB iterator that stopped for any reason but the end of the store: the store could not be read. */
    private static void check(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new IllegalStateException("store read failed: " + e.getMessage(), e);
        }
    }

    private final class Table implements StoreTable {
        private final RocksDB db;
        private final Options options;
        private final Set<Cursor> cursors = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        Table(RocksDB db, Options options) {
            this.db = db;
            this.options = options;
        }

        @Override
        public byte[] get(byte[] key) {
            try {
                return db.get(key);
            } catch (RocksDBException e) {
                throw new IllegalStateException("store read failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void put(byte[] key, byte[] value) {
            try {
                db.put(writes, key, value);
            } catch (RocksDBException e) {
                throw new IllegalStateException("store write failed: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] remove(byte[] key) {
            byte[] was = get(key);
            if (was == null) return null;
            try {
                db.delete(writes, key);
            } catch (RocksDBException e) {
                throw new IllegalStateException("store delete failed: " + e.getMessage(), e);
            }
            return was;
        }

        // One RocksDB iterator per walk, as Kafka Streams' RocksDB store reads a range: it reads the store as it
        // was when the walk began.
        @Override
        public Cursor seek(byte[] from) {
            RocksIterator it = db.newIterator();
            it.seek(from);
            Cursor cursor = new Cursor() {
                private boolean started, done;

                @Override
                public Entry next() {
                    if (done) return null;
                    if (started) it.next();
                    started = true;
                    if (!it.isValid()) {
                        check(it);
                        close();
                        return null;
                    }
                    return new Entry(it.key(), it.value());
                }

                @Override
                public void close() {
                    if (done) return;
                    done = true;
                    it.close();
                    cursors.remove(this);
                }
            };
            cursors.add(cursor); // closed before the store is, as Kafka's RocksDB store closes its open iterators
            return cursor;
        }

        // RocksDB's estimate, as Kafka Streams' RocksDB store answers approximateNumEntries.
        @Override
        public long size() {
            try {
                return db.getLongProperty("rocksdb.estimate-num-keys");
            } catch (RocksDBException e) {
                throw new IllegalStateException("store size unknown: " + e.getMessage(), e);
            }
        }

        @Override
        public void forEach(BiConsumer<byte[], byte[]> action) {
            try (RocksIterator it = db.newIterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) action.accept(it.key(), it.value());
                check(it);
            }
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            for (Cursor c : List.copyOf(cursors)) c.close();
            db.close();
            options.close();
        }
    }
}
