package io.attendance.api.ops;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see each route's request count and latency in /metrics, and never a pupil's UPN. */
class RequestTimerTest {
    private static final String UPN = "E801200125001";

    @Test
    void requests_are_counted_by_route_template_and_status_and_no_upn_reaches_the_metrics() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Javalin app = Javalin.create(config -> {
            config.requestLogger.http(new RequestTimer(metrics));
            config.routes.before(ctx -> ctx.header("X-Before", "1"));
            config.routes.after(ctx -> ctx.header("X-After", "1"));
            config.routes.get("/api/v1/pupils/{upn}", ctx -> ctx.result("pupil"));
        });
        JavalinTest.test(app, (server, client) -> {
            for (int i = 0; i < 3; i++) assertThat(client.get("/api/v1/pupils/" + UPN).code()).isEqualTo(200);
            assertThat(client.get("/no/such/page/" + UPN).code()).isEqualTo(404);
        });
        String scrape = metrics.scrape();
        assertThat(scrape).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/pupils/{upn}\",status=\"200\"} 3");
        assertThat(scrape).contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1");
        assertThat(scrape).contains("http_server_requests_seconds{method=\"GET\",route=\"/api/v1/pupils/{upn}\",status=\"200\",quantile=\"0.99\"}");
        assertThat(scrape).doesNotContain(UPN);
    }
}
