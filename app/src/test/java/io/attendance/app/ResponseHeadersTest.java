package io.attendance.app;

import io.attendance.core.policy.Policy;


import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries the headers that keep children's data out of caches and other sites'
 * frames; pages run no inline script; metrics need credentials.
 */
class ResponseHeadersTest {
    private static EmbeddedBroker broker;
    private static AttendanceNode node;
    private static Http admin, officer;

    @BeforeAll
    static void start() {
        broker = TestNodes.broker("headers");
        node = TestNodes.node(broker, "headers-" + UUID.randomUUID(), "headers-node");
        admin = new Http(node.httpPort());
        assertThat(admin.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(200);
        officer = Http.signedIn(node.httpPort(), DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        node.close();
        broker.close();
    }

    @Test
    void pages_api_answers_and_errors_are_never_cached_framed_or_sniffed() {
        for (Http.Response r : List.of(officer.get("/"), officer.get("/schools/100001"), admin.get("/api/v1/schools/100001"),
                admin.get("/api/v1/pupils/" + io.attendance.core.pupil.Upn.of(938, 4001, 25, 1)), Http.anonymous(node.httpPort()).get("/sign-in"))) {
            HttpHeaders h = r.raw().headers();
            String what = r.raw().uri().getPath() + " " + r.status();
            assertThat(h.firstValue("Cache-Control")).as(what).contains("no-store");
            assertThat(h.firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).as(what).contains("no-referrer");
            assertThat(h.firstValue("Content-Security-Policy").orElseThrow()).as(what)
                    .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        }
        Http.Response page = officer.get("/");
        assertThat(page.raw().headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        // The CSP allows no inline script: every <script> of the page has a src.
        assertThat(page.body()).contains("<script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void metrics_need_credentials() {
        assertThat(Http.anonymous(node.httpPort()).get("/metrics").status()).isEqualTo(401);
        assertThat(Http.withKey(node.httpPort(), DemoAccounts.RIVERSIDE_MIS_KEY).get("/metrics").status()).isEqualTo(403);
        Http.Response m = admin.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("attendance_marks_accepted_total");
    }
}
