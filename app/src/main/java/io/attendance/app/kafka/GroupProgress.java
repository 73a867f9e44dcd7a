package io.attendance.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How far a consumer group has committed through a set of topics, from the broker's own records. */
public final class GroupProgress {
    private GroupProgress() {
    }

    /** Records not yet committed by the group across the topics (end offset minus committed offset). */
    public static long lag(Admin admin, String group, Set<String> topics) throws Exception {
        return lagByPartition(admin, group, topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same per partition, for saying where a group is stuck; partitions with no lag left out. */
    public static Map<TopicPartition, Long> lagByPartition(Admin admin, String group, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> lag = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        for (var e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long behind = e.getValue().offset() - (c == null ? 0 : c.offset());
            if (behind != 0) lag.put(e.getKey(), behind);
        }
        return lag;
    }

    /** Records the group has committed across the topics (the sum of its committed offsets). */
    public static long committed(Admin admin, String group, Set<String> topics) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null && topics.contains(e.getKey().topic()))
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    public static Set<String> repartitionTopics(Admin admin, String applicationId) throws Exception {
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition"))
                .collect(Collectors.toSet());
    }
}
