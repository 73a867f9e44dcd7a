package io.attendance.app.kafka;

import io.attendance.contract.Topic;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the product's topics with explicit partitions and settings, and refuses to start when a
 * pupil-keyed topic exists with another partition count (pupils would be split across tasks).
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** A topic just created may take a moment to reach the broker's metadata: retry briefly with backoff. */
    private static Map<String, TopicDescription> describeWhenKnown(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || attempt == 20) throw e;
                Thread.sleep(50L * attempt);
            }
        }
    }

    /**
     * Waits until the leader of every partition of just-created topics answers for it. Metadata
     * names the leader before the broker has taken the partition on; an idempotent producer that
     * writes in that moment can be refused the first batch and accepted the next (NOT_LEADER, then
     * the later sequence), and then retries the first with OUT_OF_ORDER_SEQUENCE until its delivery
     * timeout (measured: 1 run in 2 of a fresh embedded broker stalled 120 s). Listing offsets
     * goes to the leader and is retried by the admin client until it answers.
     */
    private static void awaitWritable(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> all = new java.util.HashMap<>();
        for (TopicDescription d : describeWhenKnown(admin, names).values()) {
            d.partitions().forEach(p -> all.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                admin.listOffsets(all).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) || attempt == 40) throw e;
                Thread.sleep(50L * attempt);
            }
        }
    }

    public static void ensure(String bootstrap, Topics topics, int pupilPartitions, short replication) {
        ensure(io.attendance.contract.KafkaClients.of(bootstrap), topics, pupilPartitions, replication);
    }

    public static void ensure(io.attendance.contract.KafkaClients kafka, Topics topics, int pupilPartitions, short replication) {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                if (existing.contains(t.name())) continue;
                int partitions = t.pupilKeyed() ? pupilPartitions : 1;
                missing.add(new NewTopic(t.name(), partitions, replication).configs(t.config()));
            }
            try {
                if (!missing.isEmpty()) admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e; // another instance won the race
            }
            if (!missing.isEmpty()) awaitWritable(admin, missing.stream().map(NewTopic::name).toList());
            // Topics made by an earlier version keep their data but take today's settings (e.g. marks no longer compacted).
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> alter = new java.util.HashMap<>();
            for (Topic<?, ?> t : topics.all()) {
                if (!existing.contains(t.name()) || t.config().isEmpty()) continue;
                alter.put(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t.name()),
                        t.config().entrySet().stream().map(e -> new org.apache.kafka.clients.admin.AlterConfigOp(
                                new org.apache.kafka.clients.admin.ConfigEntry(e.getKey(), e.getValue()),
                                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)).toList());
            }
            if (!alter.isEmpty()) admin.incrementalAlterConfigs(alter).all().get();
            List<String> pupilTopics = topics.all().stream().filter(Topic::pupilKeyed).map(Topic::name).toList();
            Map<String, TopicDescription> described = describeWhenKnown(admin, pupilTopics);
            for (TopicDescription d : described.values()) {
                if (d.partitions().size() != pupilPartitions) {
                    throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                            + " partitions but pupil-keyed topics must have " + pupilPartitions
                            + " (set ATTENDANCE_PARTITIONS to match the cluster)");
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException refused) {
                throw new KafkaRefused(kafka, refused);
            }
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
