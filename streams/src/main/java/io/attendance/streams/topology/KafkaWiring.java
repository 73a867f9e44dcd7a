package io.attendance.streams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/** The wiring as a Kafka Streams topology: RocksDB stores with changelogs, an in-memory global store. */
final class KafkaWiring implements Wiring {
    private final Topology topology;

    KafkaWiring(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void globalStore(String store, String source, String topic, String processor,
                            ProcessorSupplier<byte[], byte[], Void, Void> supplier) {
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                source, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topic, processor, supplier);
    }

    @Override
    public void source(String name, String topic) {
        topology.addSource(name, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topic);
    }

    @Override
    public <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents) {
        topology.addProcessor(name, supplier, parents);
    }

    @Override
    public <K, V> void store(String name, Serde<K> keys, Serde<V> values, String... processors) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values), processors);
    }

    @Override
    public void connect(String processor, String... stores) {
        topology.connectProcessorAndStateStores(processor, stores);
    }

    @Override
    public <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values,
                            StreamPartitioner<K, V> partitioner, String... parents) {
        if (partitioner == null) topology.addSink(name, topic, keys, values, parents);
        else topology.addSink(name, topic, keys, values, partitioner, parents);
    }
}
