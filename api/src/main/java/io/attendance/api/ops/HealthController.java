package io.attendance.api.ops;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.attendance.contract.query.AttendanceQueries;



/**
 * GET /health (200 only when the streams app is RUNNING, with the tasks this instance holds active
 * and as standby, so operators see where each partition's state lives), the two probes an orchestrator
 * wants — /health/ready (RUNNING: its stores answer) and /health/live (fails only when the app cannot
 * recover, so a pod restoring its state is never killed for it) — and GET /metrics (Prometheus text).
 */
public final class HealthController {
    /** The streams app's state, and (running or rebalancing) the tasks this instance holds. */
    public record HealthView(String status,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             java.util.Set<String> activeTasks,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             java.util.Set<String> standbyTasks) {
    }

    private final AttendanceQueries queries;
    private final PrometheusMeterRegistry metrics;

    public HealthController(AttendanceQueries queries, PrometheusMeterRegistry metrics) {
        this.queries = queries;
        this.metrics = metrics;
    }

    public void health(Context ctx) {
        AttendanceQueries.Health health = queries.health();
        HealthView body = new HealthView(health.state(), health.activeTasks(), health.standbyTasks());
        ctx.status(health.running() ? 200 : 503).json(body);
    }

    /** 503 only in a state Kafka Streams does not leave by itself: ERROR, PENDING_ERROR, NOT_RUNNING. */
    public void live(Context ctx) {
        String state = queries.health().state();
        boolean dead = state.equals("ERROR") || state.equals("PENDING_ERROR") || state.equals("NOT_RUNNING");
        ctx.status(dead ? 503 : 200).json(new HealthView(state, null, null));
    }

    /** 200 while RUNNING (its stores answer queries), 503 while starting, rebalancing or restoring. */
    public void ready(Context ctx) {
        AttendanceQueries.Health health = queries.health();
        ctx.status(health.running() ? 200 : 503).json(new HealthView(health.state(), null, null));
    }

    public void metrics(Context ctx) {
        io.attendance.api.auth.Principal who = io.attendance.api.auth.Access.principal(ctx);
        io.attendance.api.auth.Access.require(ctx, who.mayAdminister(),
                "read the service's metrics (the LA's automation key or an LA officer)");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
