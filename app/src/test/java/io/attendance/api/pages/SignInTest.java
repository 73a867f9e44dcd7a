package io.attendance.api.pages;

import at.favre.lib.crypto.bcrypt.BCrypt;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.attendance.api.ApiServer;
import io.attendance.api.ApiSettings;
import io.attendance.contract.Publisher;
import io.attendance.api.auth.Accounts;
import io.attendance.api.auth.InMemoryRevocations;
import io.attendance.api.auth.Principal;
import io.attendance.api.auth.Role;
import io.attendance.api.auth.SessionTokens;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.codes.CodeTable;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.contract.Topics;
import io.attendance.core.TopologySettings;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.streams.query.StreamsQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in form and what ends a session, over HTTP against the real API server. Its streams are
 * never started: signing in and out needs none of their data.
 */
class SignInTest {
    private static final AttendanceQueries.Instance LOCAL = new AttendanceQueries.Instance("localhost", 1);
    private static final String SECRET = "sign-in-test-secret-0123456789";
    private static final String PASSWORD = "correct horse battery";
    /** Cost 4 keeps the many sign-ins quick. */
    private static final String HASH = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
    private static final String POLICIES = "/api/v1/policies";
    private static KafkaStreams streams;
    private final List<Javalin> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void streams() {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sign-in-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "sign-in").toAbsolutePath().toString());
        streams = new KafkaStreams(AttendanceTopology.build(new Topics(serdes), serdes, topology()), p);
    }

    @AfterAll
    static void closeStreams() {
        streams.close();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Javalin::stop);
    }

    private static TopologySettings topology() {
        return new TopologySettings(CodeTable.standard(), List.of(6, 10), 6);
    }

    /** An instance whose accounts file lists jo (an LA officer) with this password hash; every instance shares the session secret. */
    private int instance(String josHash) {
        Accounts accounts = Accounts.none().addUser("jo", josHash, new Principal("jo", Role.LA_OFFICER, "Northshire", null));
        var security = new ApiSettings.Security(accounts, sessions(), true);
        Publisher nothing = (Publisher) java.lang.reflect.Proxy.newProxyInstance(Publisher.class.getClassLoader(),
                new Class<?>[]{Publisher.class}, (proxy, method, args) -> {
                    throw new AssertionError("nothing is published here");
                });
        Javalin app = ApiServer.create(new StreamsQueries(streams, LOCAL, topology(), new SingleObjectSerdes().serde(School.class).deserializer()), nothing, new ApiSettings(LOCAL, topology(),
                    Duration.ofSeconds(1), security, null), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        servers.add(app);
        return app.start(0).port();
    }

    private static SessionTokens sessions() {
        return new SessionTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), new InMemoryRevocations(Clock.systemUTC()));
    }

    // ---- CSRF on the sign-in form --------------------------------------------------------------

    @Test
    void the_sign_in_form_carries_a_csrf_token_and_a_sign_in_without_it_is_refused() {
        int port = instance(HASH);
        Reply page = send(port, "GET", "/sign-in", null);
        assertThat(page.setCookie("attendance_signin").orElseThrow()).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        Form form = Form.of(page);
        Form otherBrowser = Form.of(send(port, "GET", "/sign-in", null));
        String credentials = "username=jo&password=" + encode(PASSWORD);

        for (Reply refused : List.of(
                send(port, "POST", "/sign-in", credentials),
                send(port, "POST", "/sign-in", credentials + "&_csrf=" + form.csrf()),
                send(port, "POST", "/sign-in", credentials + "&_csrf=" + otherBrowser.csrf(), "Cookie", form.cookie()),
                send(port, "POST", "/sign-in", credentials + "&_csrf=" + form.csrf(), "Cookie", otherBrowser.cookie()))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("did not come from this site");
            assertThat(refused.setCookie("attendance_session")).isEmpty();
        }
        Reply signedIn = send(port, "POST", "/sign-in", credentials + "&_csrf=" + form.csrf(), "Cookie", form.cookie());
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.setCookie("attendance_session")).isPresent();
    }

    // ---- failed attempts: limited and logged ---------------------------------------------------

    @Test
    void after_five_wrong_passwords_the_account_is_refused_with_429_even_with_the_right_password() {
        int port = instance(HASH);
        for (int i = 0; i < 4; i++) assertThat(signIn(port, "jo", "wrong-" + i).status()).isEqualTo(401);
        assertThat(signIn(port, "jo", PASSWORD).status()).as("a success forgives the account's failures").isEqualTo(302);
        for (int i = 0; i < 5; i++) assertThat(signIn(port, "jo", "wrong-" + i).status()).isEqualTo(401);

        Reply locked = signIn(port, "jo", PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
        assertThat(locked.body()).contains("Too many failed sign-ins");
        assertThat(locked.setCookie("attendance_session")).isEmpty();
    }

    @Test
    void after_twenty_failures_from_one_address_every_account_is_refused_from_it() {
        int port = instance(HASH);
        for (int i = 0; i < 20; i++) assertThat(signIn(port, "guess-" + i, "wrong").status()).isEqualTo(401);
        Reply locked = signIn(port, "jo", PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isPresent();
    }

    @Test
    void a_failed_sign_in_is_logged_with_the_username_and_address_and_never_the_password() {
        int port = instance(HASH);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            assertThat(signIn(port, "jo", "hunter2-typo").status()).isEqualTo(401);
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("'jo'", "127.0.0.1");
        });
        assertThat(logged.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("hunter2"));
    }

    // ---- `next` ---------------------------------------------------------------------------------

    @Test
    void after_signing_in_next_leads_only_to_a_path_on_this_site() {
        for (String away : List.of("/%09/evil.example", "/\t/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example",
                "/%5Cevil.example", "https://evil.example", " //evil.example", "/%2F/evil.example", "javascript:alert(1)")) {
            assertThat(SignInController.safeNext(away)).as(away).isEqualTo("/");
        }
        assertThat(SignInController.safeNext("/ok?x=1")).isEqualTo("/ok?x=1");
        assertThat(SignInController.safeNext("/pupils/E801200125001?q=a%20b")).isEqualTo("/pupils/E801200125001?q=a%20b");

        int port = instance(HASH);
        assertThat(signIn(port, "jo", PASSWORD, "/%09/evil.example").header("Location")).contains("/");
        assertThat(signIn(port, "jo", PASSWORD, "/schools/100001?flag=severe").header("Location")).contains("/schools/100001?flag=severe");
    }

    // ---- ending a session on the server -----------------------------------------------------------

    @Test
    void signing_out_ends_the_session_on_the_server_not_just_in_the_browser() {
        int port = instance(HASH);
        String session = signIn(port, "jo", PASSWORD).setCookie("attendance_session").orElseThrow().split(";")[0];
        String csrf = sessions().csrfFor(session.substring(session.indexOf('=') + 1));
        assertThat(send(port, "GET", POLICIES, null, "Cookie", session).status()).isEqualTo(200);
        assertThat(send(port, "POST", "/sign-out", "", "Cookie", session).status()).as("signing out is a change: it needs the token").isEqualTo(403);
        assertThat(send(port, "GET", POLICIES, null, "Cookie", session).status()).isEqualTo(200);

        Reply out = send(port, "POST", "/sign-out", "", "Cookie", session, "X-CSRF-Token", csrf);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.setCookie("attendance_session").orElseThrow()).startsWith("attendance_session=;").contains("Expires=Thu, 01 Jan 1970");
        // The cookie as it was, as a copy kept elsewhere would send it.
        assertThat(send(port, "GET", POLICIES, null, "Cookie", session).status()).isEqualTo(401);
    }

    @Test
    void a_new_password_ends_the_sessions_signed_in_with_the_old_one() {
        int before = instance(HASH);
        String session = signIn(before, "jo", PASSWORD).setCookie("attendance_session").orElseThrow().split(";")[0];
        int sameAccounts = instance(HASH);
        String newPassword = "a new password";
        int passwordChanged = instance(BCrypt.withDefaults().hashToString(4, newPassword.toCharArray()));

        assertThat(send(sameAccounts, "GET", POLICIES, null, "Cookie", session).status()).as("another instance, same accounts").isEqualTo(200);
        assertThat(send(passwordChanged, "GET", POLICIES, null, "Cookie", session).status()).isEqualTo(401);
        assertThat(signIn(passwordChanged, "jo", newPassword).status()).isEqualTo(302);
    }

    // ---- a browser, by hand ----------------------------------------------------------------------

    private record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        Optional<String> setCookie(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }
    }

    /** The sign-in page's pre-session cookie (name=value) and the CSRF token of its form. */
    private record Form(String cookie, String csrf) {
        static Form of(Reply page) {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(m.find()).as("a CSRF field on the sign-in form").isTrue();
            return new Form(page.setCookie("attendance_signin").orElseThrow().split(";")[0], m.group(1));
        }
    }

    private Reply signIn(int port, String username, String password) {
        return signIn(port, username, password, "/");
    }

    private Reply signIn(int port, String username, String password, String next) {
        Form form = Form.of(send(port, "GET", "/sign-in", null));
        return send(port, "POST", "/sign-in", "username=" + encode(username) + "&password=" + encode(password) + "&next=" + encode(next)
                + "&_csrf=" + form.csrf(), "Cookie", form.cookie());
    }

    /** A request to 127.0.0.1 (the address the limits and the log see); a non-null form is posted URL-encoded. */
    private Reply send(int port, String method, String path, String form, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) req.header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < headers.length; i += 2) req.header(headers[i], headers[i + 1]);
        try {
            HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(res.statusCode(), res.body(), res.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
