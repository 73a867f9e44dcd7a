package io.attendance.api.ops;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** GET /health (200 only when the streams app is RUNNING) and GET /metrics (Prometheus text). */
public final class HealthController {
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry metrics;

    public HealthController(KafkaStreams streams, PrometheusMeterRegistry metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    public void health(Context ctx) {
        KafkaStreams.State state = streams.state();
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).json(Map.of("status", state.name()));
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
