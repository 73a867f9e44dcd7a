package io.attendance.contract;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Everything about a pupil lands on the partition the default partitioner gives the UPN alone, so
 * marks (keyed urn|upn|date|session), pupil state, signals and, later, cases are co-partitioned
 * without a repartition step. Producers of the marks topic use this partitioner; a mark that
 * arrives on another partition is re-routed by the topology, never miscounted.
 */
public final class PupilPartitioner implements Partitioner {

    public static int partitionOf(String upn, int partitions) {
        return Utils.toPositive(Utils.murmur2(upn.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The UPN inside a marks-topic key, or the whole key when it is not one. */
    public static String upnOfMarkKey(String key) {
        int first = key.indexOf('|');
        int second = first < 0 ? -1 : key.indexOf('|', first + 1);
        return second < 0 ? key : key.substring(first + 1, second);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        String k = key instanceof String s ? s : new String(keyBytes, StandardCharsets.UTF_8);
        return partitionOf(upnOfMarkKey(k), partitions);
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
