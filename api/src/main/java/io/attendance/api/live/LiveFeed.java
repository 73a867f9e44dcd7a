package io.attendance.api.live;

import io.attendance.schemas.CaseEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells open pages that something they show has changed. It reads, from now on, the topology's
 * committed pupil changes (UPN → URN: a pupil's figures changed) and the case events, and hands each
 * change to every listener. The topology writes a change with or after the store write it reports,
 * so the figures a page then asks for already include the change.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    /** What changed: a pupil's figures ({@code caseId} null) or a case. */
    public record Change(String upn, String urn, String caseId) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String pupilTopic;
    private final String caseTopic;
    private final Deserializer<CaseEvent> events;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LiveFeed(io.attendance.contract.KafkaClients kafka, String pupilTopic, String caseTopic, Deserializer<CaseEvent> events) {
        this.pupilTopic = pupilTopic;
        this.caseTopic = caseTopic;
        this.events = events;
        this.consumer = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "live-feed");
        thread.setDaemon(true);
    }

    public LiveFeed start() {
        thread.start();
        return this;
    }

    public void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    private void run() {
        try {
            List<TopicPartition> parts = new ArrayList<>();
            // The topics may not exist yet on a first start: wait for them, quietly.
            while (running && parts.isEmpty()) {
                for (String topic : List.of(pupilTopic, caseTopic)) {
                    var info = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
                    if (info == null) {
                        parts.clear();
                        break;
                    }
                    info.forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
                }
                if (parts.isEmpty()) Thread.sleep(500);
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (listeners.isEmpty()) continue; // no page open: a register burst is not decoded for nobody
                    Change c = change(r);
                    if (c == null) continue;
                    for (Consumer<Change> l : listeners) l.accept(c);
                }
            }
        } catch (WakeupException e) {
            if (running) log.warn("live feed woken unexpectedly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("live feed stopped: pages will not update live until restart ({})", e.toString());
        }
    }

    private Change change(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) return null;
        try {
            if (r.topic().equals(pupilTopic)) {
                return new Change(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8), null);
            }
            CaseEvent e = events.deserialize(r.topic(), r.value());
            return new Change(e.getUpn(), e.getUrn(), e.getCaseId());
        } catch (RuntimeException e) {
            return null; // an unreadable record is the topology's business (its dead letters), not the pages'
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
