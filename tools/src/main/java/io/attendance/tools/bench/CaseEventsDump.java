package io.attendance.tools.bench;

import io.attendance.app.replay.ReplayOutputs;
import io.attendance.contract.Topics;
import io.attendance.schemas.CaseEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The benchmark's case events, written as replay writes them and sorted, so a run can be compared
 * line for line with another run or with a replay of the same marks. Waits first for the day's
 * last tick, which applies after live mode's quiet seconds: until the committed events stop growing.
 */
final class CaseEventsDump {
    private CaseEventsDump() {
    }

    static Void write(String bootstrap, Admin admin, Topics topics, Path out) throws Exception {
        String topic = topics.caseEvents.name();
        Map<TopicPartition, Long> ends = ends(admin, topic);
        while (true) {
            Thread.sleep(8_000); // more than the tick quiet and a commit: polling the broker, not synchronising a test
            Map<TopicPartition, Long> now = ends(admin, topic);
            if (now.equals(ends)) break;
            ends = now;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, CaseEvent> consumer = new KafkaConsumer<>(p, Serdes.String().deserializer(),
                topics.caseEvents.valueSerde().deserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, CaseEvent> r : consumer.poll(Duration.ofMillis(500))) lines.add(ReplayOutputs.json(r.value()));
            }
        }
        lines.sort(null);
        Files.write(out, lines);
        System.out.printf("%,d case events written to %s%n", lines.size(), out);
        return null;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(pi -> ask.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(ask).all().get().forEach((tp, r) -> out.put(tp, r.offset()));
        return out;
    }
}
