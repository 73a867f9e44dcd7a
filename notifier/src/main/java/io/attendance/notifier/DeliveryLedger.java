package io.attendance.notifier;

import io.attendance.schemas.LetterDelivery;
import io.attendance.contract.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * What every channel has already accepted, by letter id, on the compacted {@code letter-deliveries}
 * topic. A delivery is written here (and acknowledged by the broker) the moment its channel accepts
 * it, before the letter's evidence and the consumer's position are committed together. After a
 * crash in between, the restarted notifier finds the letter here and records it without sending it
 * again. The only window left is between the channel's acceptance and this write (milliseconds).
 */
public final class DeliveryLedger implements AutoCloseable {
    private final Topic<String, LetterDelivery> topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final io.attendance.contract.KafkaClients kafka;
    private final Map<String, LetterDelivery> delivered = new HashMap<>();

    public DeliveryLedger(io.attendance.contract.KafkaClients kafka, Topic<String, LetterDelivery> topic) {
        this.kafka = kafka;
        this.topic = topic;
        this.producer = new KafkaProducer<>(kafka.config(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads the whole ledger; called at start and whenever partitions of case events are (re)assigned. */
    public synchronized void reload() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) continue;
                    LetterDelivery d = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    delivered.put(d.getLetterId(), d);
                }
            }
        }
    }

    public synchronized Optional<LetterDelivery> find(String letterId) {
        return Optional.ofNullable(delivered.get(letterId));
    }

    public synchronized void record(LetterDelivery d) {
        try {
            producer.send(new ProducerRecord<>(topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), d.getLetterId()),
                    topic.valueSerde().serializer().serialize(topic.name(), d))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the delivery ledger did not take letter " + LetterPlanner.letterNumber(d.getLetterId())
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a delivery", e);
        }
        delivered.put(d.getLetterId(), d);
    }

    @Override
    public void close() {
        producer.close();
    }
}
