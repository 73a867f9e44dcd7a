package io.attendance.contract;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * A topic with the serdes for its keys and values and how it must be created.
 * {@code pupilKeyed} topics get the pupil partition count so they stay co-partitioned.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean pupilKeyed,
                          Map<String, String> config) {
}
