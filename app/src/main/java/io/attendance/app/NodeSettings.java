package io.attendance.app;

import io.attendance.core.TopologySettings;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one instance of the streams + API service needs to start.
 *
 * @param advertisedHost host other instances use to reach this one's HTTP port ({@code application.server})
 * @param httpPort       0 picks a free port
 * @param codesFile      a replacement code table, or null for the shipped 2024 table
 * @param policiesDir    a folder of policy files added to (or replacing) the shipped ones, or null
 * @param maxTaskIdleMs  Kafka Streams max.task.idle.ms: how long a task waits for an empty input (the clock)
 *                       before processing the others; above 0 a replay interleaves marks and ticks by time
 * @param liveClock      ticks come from the wall clock (a held tick applies after a few quiet seconds);
 *                       false for replays and the demo (a tick applies when later input arrives)
 * @param commitIntervalMs Kafka Streams commit interval: under exactly-once it sets both latency and throughput
 *                       (measured: 13.9k marks/s at 100 ms, 51.5k at 1000 ms, one thread; BENCHMARKS.md)
 * @param access         who may sign in or call the API, and how sessions are signed
 * @param rocksDbMemoryBytes off-heap ceiling shared by every state store of the instance
 * @param goLive         the first day whose day end decides anything (null: every day); see TopologySettings
 */
public record NodeSettings(io.attendance.contract.KafkaClients kafka, String applicationId, Path stateDir, String advertisedHost,
                           int httpPort, int partitions, short replicationFactor, int standbyReplicas,
                           List<Integer> rollingSchoolWeeks, Path codesFile, int streamThreads,
                           int commitIntervalMs, Path policiesDir, long maxTaskIdleMs, boolean liveClock, Access access,
                           long rocksDbMemoryBytes, java.time.LocalDate goLive) {
    public static final long DEFAULT_ROCKSDB_MEMORY_BYTES = 256L * 1024 * 1024;

    /** Live from the first day. */
    public NodeSettings(io.attendance.contract.KafkaClients kafka, String applicationId, Path stateDir, String advertisedHost,
                        int httpPort, int partitions, short replicationFactor, int standbyReplicas,
                        List<Integer> rollingSchoolWeeks, Path codesFile, int streamThreads,
                        int commitIntervalMs, Path policiesDir, long maxTaskIdleMs, boolean liveClock, Access access,
                        long rocksDbMemoryBytes) {
        this(kafka, applicationId, stateDir, advertisedHost, httpPort, partitions, replicationFactor, standbyReplicas,
                rollingSchoolWeeks, codesFile, streamThreads, commitIntervalMs, policiesDir, maxTaskIdleMs, liveClock, access,
                rocksDbMemoryBytes, null);
    }

    /** With the default store memory (tests and tools). */
    public NodeSettings(io.attendance.contract.KafkaClients kafka, String applicationId, Path stateDir, String advertisedHost,
                        int httpPort, int partitions, short replicationFactor, int standbyReplicas,
                        List<Integer> rollingSchoolWeeks, Path codesFile, int streamThreads,
                        int commitIntervalMs, Path policiesDir, long maxTaskIdleMs, boolean liveClock, Access access) {
        this(kafka, applicationId, stateDir, advertisedHost, httpPort, partitions, replicationFactor, standbyReplicas,
                rollingSchoolWeeks, codesFile, streamThreads, commitIntervalMs, policiesDir, maxTaskIdleMs, liveClock, access,
                DEFAULT_ROCKSDB_MEMORY_BYTES);
    }

    /**
     * @param sessionSecret signs session cookies; every instance of a deployment needs the same one
     *                      (null: a random secret, sessions last as long as this process)
     */
    /** @param trustedProxies addresses of the LA's own reverse proxies (their X-Forwarded-For is believed) */
    public record Access(io.attendance.api.auth.Accounts accounts, String sessionSecret, boolean secureCookies, List<String> trustedProxies) {
        public Access(io.attendance.api.auth.Accounts accounts, String sessionSecret, boolean secureCookies) {
            this(accounts, sessionSecret, secureCookies, List.of());
        }
    }
}
