package io.attendance.streams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Where the topology's nodes are added: a Kafka Streams {@link org.apache.kafka.streams.Topology}
 * ({@link KafkaWiring}), or the in-memory runner a replay drives ({@link MemoryRunner}). One wiring
 * function feeds both, so a replay runs exactly the processors, stores and edges the service runs.
 * Sources read raw bytes: each processor decodes its own input and dead-letters what it cannot read.
 */
interface Wiring {
    /** A store every processor of every task can read, fed from {@code topic} by {@code processor}. */
    void globalStore(String store, String source, String topic, String processor,
                     ProcessorSupplier<byte[], byte[], Void, Void> supplier);

    void source(String name, String topic);

    <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents);

    /** A key-value store held by the named processors (a persistent, changelogged store on Kafka). */
    <K, V> void store(String name, Serde<K> keys, Serde<V> values, String... processors);

    void connect(String processor, String... stores);

    /** @param partitioner null: the producer's default */
    <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values,
                     StreamPartitioner<K, V> partitioner, String... parents);
}
