package io.attendance.app.kafka;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Every state store of this process shares one RocksDB block cache and one memtable budget, so an
 * instance's off-heap memory has a ceiling an IT team can size a container by. Without it each store
 * partition takes its own cache and memtables (Kafka Streams' default), and off-heap use grows with
 * the number of stores × partitions. The pattern is Kafka Streams' documented "bounded memory" one.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams property: bytes for block cache and memtables together, for the whole process. */
    public static final String TOTAL_BYTES = "attendance.rocksdb.memory.bytes";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long total) {
        if (cache != null) return;
        // Index and filter blocks in the high-priority part of the cache; memtables charged to the same cache.
        cache = new LRUCache(total, -1, false, 0.1);
        writeBuffers = new WriteBufferManager(total / 4, cache);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init(Long.parseLong(String.valueOf(configs.get(TOTAL_BYTES))));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store of the process: never closed per store.
    }
}
