package io.attendance.notifier.contacts;

import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Parents per pupil and schools by URN, read from their compacted topics. Before each batch of
 * case events the notifier catches up to the topics' ends, so contact details given before a
 * letter was requested are the ones it uses.
 */
public final class Directory implements AutoCloseable {
    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, PupilContacts> contacts = new ConcurrentHashMap<>();
    private final Map<String, School> schools = new ConcurrentHashMap<>();
    private final BiConsumer<ConsumerRecord<byte[], byte[]>, String> unreadable;

    /** @param unreadable told of a contacts record that cannot be read, and why (to dead-letter it) */
    public Directory(io.attendance.contract.KafkaClients kafka, Topics topics, BiConsumer<ConsumerRecord<byte[], byte[]>, String> unreadable) {
        this.topics = topics;
        this.unreadable = unreadable;
        this.consumer = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String t : List.of(topics.contacts.name(), topics.schools.name())) {
            consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads everything written to contacts and schools up to now. */
    public synchronized void catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) apply(r);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        boolean isContacts = r.topic().equals(topics.contacts.name());
        String key = new String(r.key() == null ? new byte[0] : r.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (r.value() == null) {
            (isContacts ? contacts : schools).remove(key);
            return;
        }
        try {
            if (isContacts) {
                PupilContacts c = topics.contacts.valueSerde().deserializer().deserialize(r.topic(), r.value());
                contacts.put(c.getUpn(), c);
            } else {
                School s = topics.schools.valueSerde().deserializer().deserialize(r.topic(), r.value());
                schools.put(s.getUrn(), s);
            }
        } catch (RuntimeException e) {
            if (isContacts) unreadable.accept(r, "value: not a PupilContacts record: " + e.getMessage());
        }
    }

    public Optional<PupilContacts> contacts(String upn) {
        return Optional.ofNullable(contacts.get(upn));
    }

    public Optional<School> school(String urn) {
        return Optional.ofNullable(schools.get(urn));
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
