package io.attendance.api.ops;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request into /metrics as {@code http_server_requests_seconds} by method, route and
 * status, with its p50 and p99 (as this instance saw them). The route is the endpoint's template ({@code /api/v1/pupils/{upn}}),
 * never the path asked for: a UPN or case id is personal data, and one series per pupil would swamp the store.
 */
public final class RequestTimer implements RequestLogger {
    private final MeterRegistry registry;

    public RequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        Timer.builder("http.server.requests")
                .description("HTTP requests answered, by the route's template")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record((long) (executionTimeMs * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        // the HTTP endpoint that answered, not the before/after filters ("*") that ran around it
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null || matched.path == null || matched.path.isEmpty() ? "unmatched" : matched.path;
    }
}
