package io.attendance.api;

import io.attendance.streams.topology.TopologySettings;
import org.apache.kafka.streams.state.HostInfo;

import io.attendance.schemas.School;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;

/**
 * @param self                 this instance's {@code application.server} (host and HTTP port)
 * @param schoolVisibleWithin  how long PUT /schools waits for the school to reach this instance's store
 */
public record ApiSettings(HostInfo self, TopologySettings topology, Duration schoolVisibleWithin,
                          Deserializer<School> schoolReader) {
}
