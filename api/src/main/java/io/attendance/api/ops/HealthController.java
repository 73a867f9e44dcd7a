package io.attendance.api.ops;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import org.apache.kafka.streams.ThreadMetadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * GET /health (200 only when the streams app is RUNNING, with the tasks this instance holds active
 * and as standby, so operators see where each partition's state lives) and GET /metrics (Prometheus text).
 */
public final class HealthController {
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry metrics;

    public HealthController(KafkaStreams streams, PrometheusMeterRegistry metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    public void health(Context ctx) {
        KafkaStreams.State state = streams.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state.name());
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            TreeSet<String> active = new TreeSet<>(), standby = new TreeSet<>();
            for (ThreadMetadata t : streams.metadataForLocalThreads()) {
                t.activeTasks().forEach(task -> active.add(task.taskId().toString()));
                t.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
            }
            body.put("activeTasks", active);
            body.put("standbyTasks", standby);
        }
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).json(body);
    }

    public void metrics(Context ctx) {
        io.attendance.api.auth.Principal who = io.attendance.api.auth.Access.principal(ctx);
        io.attendance.api.auth.Access.require(ctx, who.role() == io.attendance.api.auth.Role.ADMIN || who.role() == io.attendance.api.auth.Role.LA_OFFICER,
                "read the service's metrics (the LA's automation key or an LA officer)");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
