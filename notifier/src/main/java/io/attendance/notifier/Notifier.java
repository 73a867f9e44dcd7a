package io.attendance.notifier;

import io.attendance.notifier.contacts.Directory;
import io.attendance.notifier.deliver.Channel;
import io.attendance.notifier.deliver.ChannelSettings;
import io.attendance.notifier.deliver.OutboxChannel;
import io.attendance.notifier.render.LetterFiles;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.Letter;
import io.attendance.schemas.LetterDelivery;
import io.attendance.schemas.LetterStatus;
import io.attendance.core.cases.CaseEngine;
import io.attendance.contract.DeadLetters;
import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads case events and sends every requested letter to every parent, exactly once. Per batch:
 * catch up on contacts, plan each letter, deliver it (unless the delivery ledger shows a channel
 * already took it), then in one Kafka transaction write the evidence to {@code letters}, any
 * failures to {@code letters.dlq}, tasks to {@code case-actions}, and the consumer's new position.
 * A crash before that commit replays the batch: letters already delivered are found in the ledger
 * and recorded, not sent again; the outbox rewrites the same file and manifest row at most once.
 * A batch that fails on Kafka's side (a broker lost mid-transaction, the transaction fenced or timed
 * out) is handled the same way without a restart: the transaction is abandoned, a new producer with
 * the same transactional id aborts it, and the batch is read again from the committed position.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    public static final String GROUP = "notifier";

    private final NotifierSettings settings;
    private final Topics topics;
    private final LetterPlanner planner;
    private final Map<String, Channel> channels = new HashMap<>();
    private final DeliveryLedger ledger;
    private final Directory directory;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Made by {@link #resume}, replaced after a failed batch: a fenced or failed transactional producer cannot be used again. */
    private KafkaProducer<byte[], byte[]> producer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile int recoveries;
    /** Counted down by close(): ends any backoff wait at once. */
    private final CountDownLatch closing = new CountDownLatch(1);
    /** The offsets this notifier last committed, per assigned partition (consumer thread only). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private volatile boolean ready;
    private boolean closed;
    private volatile long lag;
    /** Letters by status of the open batch (the notifier's thread only), and of committed batches (read by probes). */
    private final int[] tally = new int[LetterStatus.values().length];
    private final java.util.concurrent.atomic.AtomicLongArray counted = new java.util.concurrent.atomic.AtomicLongArray(LetterStatus.values().length);

    public Notifier(NotifierSettings settings, Topics topics) {
        this.settings = settings;
        this.topics = topics;
        this.planner = new LetterPlanner(new LetterFiles(settings.policiesDir()));
        Channel outbox = new OutboxChannel(settings.outboxDir());
        channels.put(outbox.name(), outbox);
        for (ChannelSettings configured : settings.channels()) {
            for (Channel c : configured.open()) channels.put(c.name(), c);
        }
        this.ledger = new DeliveryLedger(settings.kafka(), topics.letterDeliveries);
        this.deadLetters = new KafkaProducer<>(settings.kafka().config(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.directory = new Directory(settings.kafka(), topics, (r, why) -> deadLetters.send(
                new ProducerRecord<>(topics.contactsDlq.name(), null, r.key(), r.value(), dlqHeaders(why, r))));
        this.consumer = new KafkaConsumer<>(settings.kafka().config(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                // A notifier that dies is replaced after 10 s, not the default 45.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "notifier-" + settings.instanceId());
    }

    /** The transactional producer; its id is this instance's, so a new one fences (and aborts) what the last left open. */
    private KafkaProducer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(settings.kafka().config(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(settings.instanceId()),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static String transactionalId(String instanceId) {
        return "attendance-notifier-" + instanceId;
    }

    public Notifier start() {
        thread.start();
        return this;
    }

    /** Why the notifier stopped for good, if it did (not the batches it recovered from). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether it can send: started, its transactional producer ready, not between a failed batch and its retry. */
    public boolean ready() {
        return ready && failure == null && thread.isAlive();
    }

    /** Whether it still runs or can recover (false: closed, or stopped for good; the process should be replaced). */
    public boolean alive() {
        return failure == null && thread.isAlive();
    }

    /** Letters of this status recorded by committed batches since start (a batch read again counts once). */
    public long letters(LetterStatus status) {
        return counted.get(status.ordinal());
    }

    /** Case events on its partitions not yet read (as of its last poll). */
    public long lag() {
        return lag;
    }

    /** How many failed batches were abandoned and read again. */
    public int recoveries() {
        return recoveries;
    }

    /** Waits until the notifier has stopped: closed, or failed for good. */
    public void awaitStopped() throws InterruptedException {
        thread.join();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topics.caseEvents.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(committed::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    ledger.reload(); // another instance may have delivered letters of these partitions
                    rememberCommitted(new HashSet<>(partitions));
                }
            });
            log.info("notifier {} started; channels {}", settings.instanceId(), channels.keySet());
            int failedInARow = 0;
            boolean resumed = false;
            while (running) {
                try {
                    if (!resumed) {
                        resume();
                        resumed = true;
                        ready = true;
                    }
                    ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                    long behind = 0;
                    for (TopicPartition tp : consumer.assignment()) behind += consumer.currentLag(tp).orElse(0);
                    lag = behind;
                    if (batch.isEmpty()) commitPastMarkers();
                    else process(batch);
                    failedInARow = 0;
                } catch (WakeupException e) {
                    if (running) throw e;
                } catch (RuntimeException e) {
                    failedInARow++;
                    resumed = false;
                    ready = false;
                    abandon(e, failedInARow);
                }
            }
        } catch (Throwable t) {
            failure = t;
            log.error("notifier {} stopped: {}", settings.instanceId(), t.toString());
        }
    }

    /**
     * A batch failed: drop its transaction with its producer (nothing of it is committed) and wait
     * 1 s, doubling while failures repeat, up to 30 s. The exception names no pupil.
     */
    private void abandon(RuntimeException e, int failedInARow) throws InterruptedException {
        long wait = Math.min(30_000L, 1_000L << Math.min(failedInARow - 1, 5));
        log.error("notifier {}: a batch failed ({}); its transaction is abandoned and the batch is read again in {} ms",
                settings.instanceId(), e.toString(), wait);
        if (producer != null) producer.close(Duration.ZERO);
        producer = null;
        recoveries++;
        closing.await(wait, TimeUnit.MILLISECONDS);
    }

    /**
     * At start, and after a failed batch: a new producer (its initTransactions aborts the abandoned
     * transaction) and the consumer back at the committed position of every partition it holds.
     * Letters the failed batch delivered are already in the ledger (its in-memory copy is written
     * with each delivery), so the batch records them rather than sending them again. At start
     * nothing is assigned yet; the first assignment reads the ledger.
     */
    private void resume() {
        if (producer == null) {
            producer = newProducer();
            producer.initTransactions();
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> at = rememberCommitted(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata o = at.get(tp);
            if (o == null) consumer.seekToBeginning(List.of(tp));
            else consumer.seek(tp, o);
        }
    }

    /** Reads the group's committed offsets of these partitions and keeps them (-1: none yet). */
    private Map<TopicPartition, OffsetAndMetadata> rememberCommitted(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> at = consumer.committed(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = at.get(tp);
            committed.put(tp, o == null ? -1L : o.offset());
        }
        return at;
    }

    private void process(ConsumerRecords<byte[], byte[]> batch) {
        directory.catchUp();
        producer.beginTransaction();
        java.util.Arrays.fill(tally, 0);
        for (ConsumerRecord<byte[], byte[]> r : batch) handle(r);
        // The consumer's position, not the last record + 1: it is past the transaction markers that
        // follow each committed batch of case events, so a drained notifier shows a lag of 0.
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) next.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        commit(next);
        for (int i = 0; i < tally.length; i++) counted.addAndGet(i, tally[i]);
    }

    /** Ends the open transaction with the consumer's new positions in it, and keeps them. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
        producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
        producer.commitTransaction();
        positions.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    /**
     * A batch's last case event can be readable before its transaction marker is (on a replicated
     * cluster the marker reaches the high watermark a moment later), so the position committed with
     * the batch may stop just before the marker. The next poll passes the marker and returns
     * nothing; commit that position too, or the group shows a lag of 1 for ever.
     */
    private void commitPastMarkers() {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            if (position > committed.getOrDefault(tp, -1L)) next.put(tp, new OffsetAndMetadata(position));
        }
        if (next.isEmpty()) return;
        producer.beginTransaction();
        commit(next);
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        CaseEvent e;
        try {
            e = topics.caseEvents.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (RuntimeException ex) {
            producer.send(new ProducerRecord<>(topics.lettersDlq.name(), null, r.key(), r.value(),
                    dlqHeaders("value: not a CaseEvent: " + ex.getMessage(), r)));
            return;
        }
        if (e.getType() != CaseEventType.LETTER_REQUESTED) return;
        List<LetterPlan> plans;
        try {
            plans = planner.plan(e, directory.contacts(e.getUpn()), directory.school(e.getUrn()));
        } catch (RuntimeException ex) {
            plans = List.of(new LetterPlan(LetterPlanner.letterId(e.getEventId(), "all"), "all", "", "none", null,
                    LetterStatus.FAILED, "the letter could not be produced: " + ex.getMessage()));
        }
        for (LetterPlan p : plans) send(e, p, r);
    }

    private void send(CaseEvent e, LetterPlan p, ConsumerRecord<byte[], byte[]> from) {
        long producedAt = System.currentTimeMillis();
        Letter.Builder l = Letter.newBuilder().setLetterId(p.letterId()).setEventId(e.getEventId()).setCaseId(e.getCaseId())
                .setUpn(e.getUpn()).setUrn(e.getUrn()).setPolicy(e.getPolicy()).setLetterRef(e.getLetterId())
                .setTitle(e.getLetterTitle()).setParentId(p.parentId()).setRecipient(p.recipient()).setChannel(p.channel())
                .setDated(e.getDate()).setProducedAt(java.time.Instant.ofEpochMilli(producedAt))
                .setPdf(java.nio.ByteBuffer.wrap(p.letter() == null ? new byte[0] : p.letter().pdf()))
                .setContentHash(sha256(p.letter() == null ? new byte[0] : p.letter().pdf()));
        if (!p.deliverable()) {
            l.setStatus(p.status()).setFailure(p.problem());
        } else {
            deliver(p, l);
        }
        Letter letter = l.build();
        tally[letter.getStatus().ordinal()]++;
        producer.send(pupilRecord(topics.letters.name(), e.getUpn(), topics.letters.valueSerde().serializer().serialize(topics.letters.name(), letter)));
        if (letter.getStatus() == LetterStatus.SENT) return;
        if (letter.getStatus() == LetterStatus.FAILED && p.deliverable()) {
            producer.send(new ProducerRecord<>(topics.lettersDlq.name(), null, p.letterId().getBytes(StandardCharsets.UTF_8),
                    topics.letters.valueSerde().serializer().serialize(topics.letters.name(), letter), dlqHeaders(letter.getFailure(), from)));
        }
        String what = letter.getStatus() == LetterStatus.NOT_SENT ? "not sent" : "failed";
        String to = p.parentId().equals(LetterPlanner.SCHOOL) ? "the school" : p.recipient().isEmpty() ? "the parents"
                : p.recipient() + " (" + p.parentId() + ")";
        task(e, from.timestamp(), p.letterId(), "letter " + e.getLetterId() + " to " + to + " " + what + ": " + letter.getFailure());
        log.warn("letter {} {}: {}", LetterPlanner.letterNumber(p.letterId()), what, letter.getStatus());
    }

    private void deliver(LetterPlan p, Letter.Builder l) {
        Optional<LetterDelivery> done = ledger.find(p.letterId());
        if (done.isPresent()) { // delivered before a crash: record it, never send it twice
            l.setStatus(LetterStatus.SENT).setProviderReference(done.get().getProviderReference())
                    .setSentAt(done.get().getSentAt()).setAttempts(done.get().getAttempts());
            return;
        }
        Channel channel = channels.get(p.channel());
        if (channel == null) {
            l.setStatus(LetterStatus.FAILED).setFailure("channel " + p.channel() + " is not configured on this notifier");
            return;
        }
        long wait = settings.backoffMs();
        Exception last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            String ref;
            try {
                ref = channel.deliver(p.letter());
            } catch (Exception ex) {
                last = ex;
                if (attempt < settings.attempts()) {
                    pause(wait);
                    wait *= 2;
                }
                continue;
            }
            Instant sentAt = Instant.ofEpochMilli(System.currentTimeMillis());
            recordDelivery(new LetterDelivery(p.letterId(), channel.name(), ref, sentAt, attempt));
            l.setStatus(LetterStatus.SENT).setProviderReference(ref).setSentAt(sentAt).setAttempts(attempt);
            return;
        }
        l.setStatus(LetterStatus.FAILED).setAttempts(settings.attempts())
                .setFailure(channel.name() + " refused it after " + settings.attempts() + " attempts: " + last);
    }

    /**
     * The channel has accepted the letter: only the ledger stops it being sent again, so a failed
     * ledger write is retried (never the delivery) for as long as the notifier runs.
     */
    private void recordDelivery(LetterDelivery d) {
        long wait = 1_000;
        while (true) {
            try {
                ledger.record(d);
                return;
            } catch (RuntimeException ex) {
                if (!running) throw ex;
                log.error("notifier {}: letter {} was delivered but the ledger did not take it ({}); trying again in {} ms",
                        settings.instanceId(), LetterPlanner.letterNumber(d.getLetterId()), ex.toString(), wait);
                pause(wait);
                wait = Math.min(30_000, wait * 2);
            }
        }
    }

    /**
     * The task is stamped with its case event's time (the day end that asked for the letter), not the
     * machine's: the case processor takes an input's time as proof that every earlier day has ended, so a
     * wall-clock stamp would end the days it still holds for their marks (in a replay, the demo or any
     * data-clock run), at a moment set by the notifier's pace.
     */
    private void task(CaseEvent e, long eventTime, String letterId, String text) {
        Map<String, String> fields = new HashMap<>();
        fields.put("task", text);
        fields.put("letterId", letterId);
        CaseAction a = CaseAction.newBuilder().setActionId("notifier:" + letterId).setUpn(e.getUpn()).setCaseId(e.getCaseId())
                .setAction(CaseEngine.SYSTEM_TASK).setDate(e.getDate()).setFields(fields).setRecordedBy("notifier").build();
        producer.send(pupilRecord(topics.caseActions.name(), e.getUpn(), eventTime,
                topics.caseActions.valueSerde().serializer().serialize(topics.caseActions.name(), a)));
    }

    private ProducerRecord<byte[], byte[]> pupilRecord(String topic, String upn, byte[] value) {
        return pupilRecord(topic, upn, null, value);
    }

    private ProducerRecord<byte[], byte[]> pupilRecord(String topic, String upn, Long timestamp, byte[] value) {
        int partitions = producer.partitionsFor(topic).size();
        return new ProducerRecord<>(topic, PupilPartitioner.partitionOf(upn, partitions), timestamp, upn.getBytes(StandardCharsets.UTF_8), value);
    }

    private static org.apache.kafka.common.header.Headers dlqHeaders(String reason, ConsumerRecord<byte[], byte[]> from) {
        return DeadLetters.headers(new RecordHeaders(), reason, java.util.Optional.of(new DeadLetters.Origin(from.topic(), from.partition(), from.offset())));
    }

    /** A letter's content hash: SHA-256 of its PDF, hex (what the letters topic records). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Backoff between attempts; cut short when the notifier is closed. */
    private void pause(long ms) {
        try {
            closing.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return; // a second close (a shutdown hook after a test's own) changes nothing
        closed = true;
        running = false;
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        if (producer != null) producer.close();
        deadLetters.close();
        ledger.close();
        directory.close();
    }
}
