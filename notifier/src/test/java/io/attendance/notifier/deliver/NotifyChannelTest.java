package io.attendance.notifier.deliver;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GOV.UK Notify through the official client, against a local stub of the Notify API that checks
 * what the client really sends: the path, a JWT signed with the key's secret and issued by the
 * service id, and the JSON body GOV.UK Notify documents for each call.
 */
class NotifyChannelTest {
    private static final String SERVICE = UUID.randomUUID().toString();
    private static final String SECRET = UUID.randomUUID().toString();
    private static final String KEY = "northshire_test-" + SERVICE + "-" + SECRET;
    private static final String EMAIL_TEMPLATE = UUID.randomUUID().toString();

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JSONObject> bodies = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        JwtConsumer jwt = new JwtConsumerBuilder().setVerificationKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)))
                .setExpectedIssuer(SERVICE).setRequireIssuedAt().build();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/v2/notifications/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            try {
                jwt.processToClaims(auth.substring("Bearer ".length()));
            } catch (Exception e) {
                problems.add("bad token: " + e.getMessage());
            }
            JSONObject body = new JSONObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            paths.add(ex.getRequestURI().getPath());
            bodies.add(body);
            String id = UUID.randomUUID().toString();
            JSONObject reply = new JSONObject().put("id", id).put("reference", body.optString("reference"));
            if (ex.getRequestURI().getPath().endsWith("/letter")) {
                reply.put("postage", body.optString("postage"));
            } else {
                reply.put("content", new JSONObject().put("body", "b").put("subject", "s").put("from_email", "f@notify.example"))
                        .put("template", new JSONObject().put("id", EMAIL_TEMPLATE).put("version", 1).put("uri", "http://x/t"))
                        .put("uri", "http://x/n/" + id).put("one_click_unsubscribe_url", "http://x/u");
            }
            boolean fail = problems.size() > 0;
            byte[] out = (fail ? "{\"errors\":[{\"error\":\"AuthError\",\"message\":\"bad token\"}],\"status_code\":403}" : reply.toString())
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(fail ? 403 : 201, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Test
    void post_goes_as_a_precompiled_letter_with_the_pdf_and_the_letter_number_as_reference() throws Exception {
        Channel post = new NotifyChannel(KEY, baseUrl(), EMAIL_TEMPLATE, "second").post();
        String id = post.deliver(Letters.toClaire());

        assertThat(problems).isEmpty();
        assertThat(paths).containsExactly("/v2/notifications/letter");
        JSONObject body = bodies.get(0);
        assertThat(body.getString("reference")).isEqualTo("0A1B2C3D4E5F");
        assertThat(body.getString("postage")).isEqualTo("second");
        assertThat(Base64.getDecoder().decode(body.getString("content"))).isEqualTo(Letters.PDF);
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void email_goes_through_the_services_template_with_the_pdf_uploaded_for_a_link() throws Exception {
        Channel email = new NotifyChannel(KEY, baseUrl(), EMAIL_TEMPLATE, null).email();
        email.deliver(Letters.toClaire());

        assertThat(problems).isEmpty();
        assertThat(paths).containsExactly("/v2/notifications/email");
        JSONObject body = bodies.get(0);
        assertThat(body.getString("template_id")).isEqualTo(EMAIL_TEMPLATE);
        assertThat(body.getString("email_address")).isEqualTo("claire.taylor@example.com");
        assertThat(body.getString("reference")).isEqualTo("0A1B2C3D4E5F");
        JSONObject p = body.getJSONObject("personalisation");
        assertThat(p.getString("subject")).isEqualTo("Invitation to a meeting in school about your child's attendance (AL 1.2.0)");
        assertThat(Base64.getDecoder().decode(p.getJSONObject("link_to_file").getString("file"))).isEqualTo(Letters.PDF);
    }

    @Test
    void a_name_or_title_with_a_line_break_reaches_notify_on_one_line() throws Exception {
        OutgoingLetter hostile = Letters.toClaire("Invitation\r\nBcc: mallory@example.com", "Claire Taylor\n# Final notice");
        new NotifyChannel(KEY, baseUrl(), EMAIL_TEMPLATE, null).email().deliver(hostile);

        JSONObject p = bodies.get(0).getJSONObject("personalisation");
        assertThat(p.getString("subject")).isEqualTo("Invitation  Bcc: mallory@example.com (AL 1.2.0)");
        assertThat(p.getString("name")).isEqualTo("Claire Taylor # Final notice");
    }

    @Test
    void a_key_for_another_service_is_refused_and_the_channel_reports_it() {
        String wrong = "northshire_test-" + SERVICE + "-" + UUID.randomUUID();
        Channel post = new NotifyChannel(wrong, baseUrl(), EMAIL_TEMPLATE, "second").post();
        assertThatThrownBy(() -> post.deliver(Letters.toClaire())).hasMessageContaining("403");
    }
}
