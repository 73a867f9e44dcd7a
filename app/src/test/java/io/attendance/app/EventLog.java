package io.attendance.app;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a topic's committed records (read_committed: aborted transactions are skipped) between offsets. */
final class EventLog {
    record Entry(int partition, long offset, long timestamp, byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    }

    record Slice(List<Entry> entries, Map<Integer, Long> end) {
    }

    private EventLog() {
    }

    /** One header of every committed record on the topic (e.g. dead letters' reasons). */
    static List<String> readHeaders(String bootstrap, String topic, String header) {
        List<String> out = new ArrayList<>();
        for (Entry e : read(bootstrap, topic, Map.of()).entries()) {
            var h = e.headers().lastHeader(header);
            if (h != null) out.add(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every committed value on the topic, decoded with the topic's own serde. */
    static <V> List<V> values(String bootstrap, io.attendance.contract.Topic<?, V> topic) {
        List<V> out = new ArrayList<>();
        for (Entry e : read(bootstrap, topic.name(), Map.of()).entries()) {
            out.add(topic.valueSerde().deserializer().deserialize(topic.name(), e.value()));
        }
        return out;
    }

    /** Every committed record from {@code from} (per partition; absent = 0) to the current end. */
    static Slice read(String bootstrap, String topic, Map<Integer, Long> from) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts); // under read_committed: the last stable offset
            for (TopicPartition tp : parts) c.seek(tp, from.getOrDefault(tp.partition(), 0L));
            List<Entry> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end");
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(new TopicPartition(topic, r.partition()))) {
                        out.add(new Entry(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers()));
                    }
                }
            }
            Map<Integer, Long> end = new HashMap<>();
            ends.forEach((tp, o) -> end.put(tp.partition(), o));
            return new Slice(out, end);
        }
    }
}
