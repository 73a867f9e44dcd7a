package io.attendance.contract;

import io.attendance.contract.Publisher;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.MarkKey;
import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Idempotent, acks=all producer for input topics. Marks go to their pupil's partition; the record
 * timestamp is when the mark was recorded.
 */
public final class KafkaPublisher implements Publisher, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;

    public KafkaPublisher(String bootstrap, Topics topics) {
        this(KafkaClients.of(bootstrap), topics);
    }

    public KafkaPublisher(KafkaClients kafka, Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(kafka.config(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void publishMarks(List<RegisterMark> marks) {
        int partitions = producer.partitionsFor(topics.marks.name()).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>(marks.size());
        for (RegisterMark m : marks) {
            String key = MarkKey.of(m).format();
            sent.add(producer.send(new ProducerRecord<>(topics.marks.name(),
                    PupilPartitioner.partitionOf(m.getUpn(), partitions), m.getRecordedAt().toEpochMilli(),
                    topics.marks.keySerde().serializer().serialize(topics.marks.name(), key),
                    topics.marks.valueSerde().serializer().serialize(topics.marks.name(), m))));
        }
        await(sent);
    }

    @Override
    public void publishSchool(School school) {
        await(List.of(producer.send(new ProducerRecord<>(topics.schools.name(),
                topics.schools.keySerde().serializer().serialize(topics.schools.name(), school.getUrn()),
                topics.schools.valueSerde().serializer().serialize(topics.schools.name(), school)))));
    }

    @Override
    public void publishCaseAction(CaseAction action) {
        toPupil(topics.caseActions, action.getUpn(), action, System.currentTimeMillis());
    }

    @Override
    public void publishRollChange(io.attendance.schemas.RollChange change) {
        toPupil(topics.rollChanges, change.getUpn(), change, System.currentTimeMillis());
    }

    @Override
    public void publishAccess(io.attendance.schemas.AccessEvent read) {
        toPupil(topics.accessAudit, read.getUpn(), read, read.getAt().toEpochMilli());
    }

    @Override
    public void removeContacts(String upn) {
        toPupil(topics.contacts, upn, null, System.currentTimeMillis());
    }

    @Override
    public void publishErasure(io.attendance.schemas.ErasureRequest erasure) {
        toPupil(topics.erasures, erasure.getUpn(), erasure, erasure.getAt().toEpochMilli());
    }

    /** One record (or tombstone) keyed by UPN to the pupil's partition, acknowledged. */
    private <V> void toPupil(Topic<String, V> t, String upn, V value, long timestamp) {
        int partitions = producer.partitionsFor(t.name()).size();
        await(List.of(producer.send(new ProducerRecord<>(t.name(), PupilPartitioner.partitionOf(upn, partitions), timestamp,
                t.keySerde().serializer().serialize(t.name(), upn),
                value == null ? null : t.valueSerde().serializer().serialize(t.name(), value)))));
    }

    @Override
    public void publishContacts(io.attendance.schemas.PupilContacts contacts) {
        publishContacts(List.of(contacts));
    }

    /** Many pupils' contacts at once (an import or the demo), acknowledged together. */
    public void publishContacts(List<io.attendance.schemas.PupilContacts> all) {
        int partitions = producer.partitionsFor(topics.contacts.name()).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>(all.size());
        for (var c : all) {
            sent.add(producer.send(new ProducerRecord<>(topics.contacts.name(), PupilPartitioner.partitionOf(c.getUpn(), partitions), null,
                    topics.contacts.keySerde().serializer().serialize(topics.contacts.name(), c.getUpn()),
                    topics.contacts.valueSerde().serializer().serialize(topics.contacts.name(), c))));
        }
        await(sent);
    }

    /**
     * The end of a day for schools: each tick goes to every partition of the clock topic, so every
     * task (each holding some of every school's pupils) sees every school's day end. The record
     * time is the end of that day, so a replay interleaves ticks and marks as they happened.
     */
    public void publishTicks(List<ClockTick> ticks) {
        for (ClockTick t : ticks) publishTicks(List.of(t), t.getDate().atTime(END_OF_DAY).toInstant(java.time.ZoneOffset.UTC));
    }

    /**
     * Day ends stamped {@code at}: the cut-off for the day's marks (a mark recorded later applies after
     * this day end). Live mode stamps the moment it writes, never in the future: a broker refuses a
     * record stamped more than an hour ahead.
     */
    public void publishTicks(List<ClockTick> ticks, java.time.Instant at) {
        int partitions = producer.partitionsFor(topics.clock.name()).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ClockTick t : ticks) {
            String key = t.getUrn() + "|" + t.getDate();
            long ts = at.toEpochMilli();
            byte[] k = topics.clock.keySerde().serializer().serialize(topics.clock.name(), key);
            byte[] v = topics.clock.valueSerde().serializer().serialize(topics.clock.name(), t);
            for (int p = 0; p < partitions; p++) sent.add(producer.send(new ProducerRecord<>(topics.clock.name(), p, ts, k, v)));
        }
        await(sent);
    }

    /** A signed-out session, for every instance to refuse until it would have expired anyway. */
    public void publishRevocation(String sessionId, java.time.Instant expires) {
        var t = topics.sessionRevocations;
        await(List.of(producer.send(new ProducerRecord<>(t.name(), t.keySerde().serializer().serialize(t.name(), sessionId),
                t.valueSerde().serializer().serialize(t.name(), expires.toEpochMilli())))));
    }

    /** Ticks are stamped at this time of their day (UTC): after both registers and the day's amendments by staff. */
    public static final java.time.LocalTime END_OF_DAY = java.time.LocalTime.of(18, 0);

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the records: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
