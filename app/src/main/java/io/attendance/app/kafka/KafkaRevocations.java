package io.attendance.app.kafka;

import io.attendance.contract.KafkaPublisher;

import io.attendance.api.auth.InMemoryRevocations;
import io.attendance.api.auth.Revocations;
import io.attendance.contract.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Signed-out sessions shared by every instance through the session-revocations topic. The instance
 * that signs a session out refuses it at once; every instance reads the topic from the beginning
 * (no consumer group: each needs all of it) and refuses it as soon as it polls the record.
 */
public final class KafkaRevocations implements Revocations, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaRevocations.class);
    private final InMemoryRevocations known;
    private final KafkaPublisher publisher;
    private final Topic<String, Long> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader = new Thread(this::read, "session-revocations");
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public KafkaRevocations(String bootstrap, Topic<String, Long> topic, KafkaPublisher publisher, Clock clock) {
        this(io.attendance.contract.KafkaClients.of(bootstrap), topic, publisher, clock);
    }

    public KafkaRevocations(io.attendance.contract.KafkaClients kafka, Topic<String, Long> topic, KafkaPublisher publisher, Clock clock) {
        this.known = new InMemoryRevocations(clock);
        this.publisher = publisher;
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(kafka.config(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader.setDaemon(true);
    }

    /** Starts reading and returns once every revocation already on the topic is known: none is missed at start. */
    public KafkaRevocations start(Duration within) {
        reader.start();
        try {
            if (!caughtUp.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read topic " + topic.name() + " within " + within);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic.name(), e);
        }
        return this;
    }

    @Override
    public void revoke(String sessionId, Instant expires) {
        known.revoke(sessionId, expires);
        try {
            publisher.publishRevocation(sessionId, expires);
        } catch (RuntimeException e) {
            log.error("session {} is signed out here, but other instances accept it until {}: {}", sessionId, expires, e.getMessage());
        }
    }

    @Override
    public boolean revoked(String sessionId) {
        return known.revoked(sessionId);
    }

    private void read() {
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.key() == null || r.value() == null || r.value().length != Long.BYTES) continue;
                        known.revoke(topic.keySerde().deserializer().deserialize(topic.name(), r.key()),
                                Instant.ofEpochMilli(topic.valueSerde().deserializer().deserialize(topic.name(), r.value())));
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A broker lost or a record unreadable must not end the reading for good: sign-outs elsewhere
                    // would silently stop counting. Try again from the same position after a pause.
                    log.warn("reading session revocations failed, retrying in 1 s: {}", e.toString());
                    sleepQuietly();
                    continue;
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) log.error("session revocations woken unexpectedly: sign-outs on other instances are no longer seen");
        } catch (RuntimeException e) {
            log.error("stopped reading session revocations: sign-outs on other instances are no longer seen", e);
        } finally {
            consumer.close();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000); // backoff between retries of a failed poll, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
