package io.attendance.app.letters;

import io.attendance.notifier.Notifier;
import io.attendance.schemas.LetterStatus;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;

/**
 * The notifier's own small HTTP port, for an orchestrator and Prometheus: {@code /health/live} (503
 * only when it stopped for good: the process is to be replaced), {@code /health/ready} (200 while it
 * can send) and {@code /metrics} (letters by outcome, case events not yet read). No pupil data: open
 * without credentials, like the service's probes; bind it to the cluster network only.
 */
public final class NotifierHttp implements AutoCloseable {
    /** The probes' routes (deploy/kubernetes and docker-compose.yml point at these). */
    public static final String LIVE = "/health/live", READY = "/health/ready";
    private final Javalin http;

    private NotifierHttp(Javalin http) {
        this.http = http;
    }

    public static NotifierHttp start(Notifier notifier, int port) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (LetterStatus s : LetterStatus.values()) {
            FunctionCounter.builder("attendance.letters", notifier, n -> n.letters(s))
                    .description("Letters recorded by this notifier since it started, by outcome")
                    .tag("status", s.name().toLowerCase(Locale.ROOT)).register(metrics);
        }
        Gauge.builder("attendance.notifier.lag", notifier, Notifier::lag)
                .description("Case events on this notifier's partitions not yet read").register(metrics);
        Gauge.builder("attendance.notifier.ready", notifier, n -> n.ready() ? 1 : 0).register(metrics);
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get(LIVE, ctx -> probe(ctx, notifier.alive(), "stopped"));
            c.routes.get(READY, ctx -> probe(ctx, notifier.ready(), "not ready"));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        }).start(port);
        return new NotifierHttp(http);
    }

    private static void probe(io.javalin.http.Context ctx, boolean ok, String otherwise) {
        ctx.status(ok ? 200 : 503).json(java.util.Map.of("status", ok ? "UP" : otherwise));
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
    }
}
