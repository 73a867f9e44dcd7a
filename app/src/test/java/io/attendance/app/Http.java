package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for tests: status and body of each call. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    private final String base;
    private final java.util.Map<String, String> headers;

    /** As the LA's automation: the admin key. */
    Http(int port) {
        this(port, java.util.Map.of("Authorization", "Bearer " + TestNodes.ADMIN_KEY));
    }

    Http(int port, java.util.Map<String, String> headers) {
        this.base = "http://localhost:" + port;
        this.headers = headers;
    }

    /** The session cookie this client sends (name=value), if signed in. */
    String cookie() {
        return headers.get("Cookie");
    }

    /** The same caller with one more header on every call. */
    Http with(String header, String value) {
        java.util.Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(header, value);
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), h);
    }

    /** No credentials at all. */
    static Http anonymous(int port) {
        return new Http(port, java.util.Map.of());
    }

    static Http withKey(int port, String key) {
        return new Http(port, java.util.Map.of("Authorization", "Bearer " + key));
    }

    /** Signed in through the sign-in form as a person: the session cookie and its CSRF token on every call. */
    static Http signedIn(int port, String username, String password) {
        Response r = signIn(port, username, password);
        if (r.status() != 302) throw new IllegalStateException("sign-in as " + username + " answered " + r.status());
        String cookie = cookie(r, "attendance_session");
        Http plain = new Http(port, java.util.Map.of("Cookie", cookie));
        return new Http(port, java.util.Map.of("Cookie", cookie, "X-CSRF-Token", csrfOn(plain.get("/tasks").body())));
    }

    /** A sign-in as a browser makes it: the form first (its pre-session cookie and CSRF token), then the post. */
    static Response signIn(int port, String username, String password) {
        Response form = anonymous(port).get("/sign-in");
        Http browser = new Http(port, java.util.Map.of("Cookie", cookie(form, "attendance_signin")));
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        return browser.post("/sign-in", "application/x-www-form-urlencoded", "username=" + java.net.URLEncoder.encode(username, utf8)
                + "&password=" + java.net.URLEncoder.encode(password, utf8) + "&next=/&_csrf=" + csrfOn(form.body()));
    }

    /** The cookie of that name a response sets, as name=value. */
    static String cookie(Response r, String name) {
        return r.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie set")).split(";")[0];
    }

    private static String csrfOn(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(page);
        if (!m.find()) throw new IllegalStateException("no CSRF token on the page");
        return m.group(1);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response delete(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("DELETE", json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    record Bytes(int status, byte[] bytes) {
    }

    Bytes getBytes(String path) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).GET();
            headers.forEach(req::header);
            HttpResponse<byte[]> res = CLIENT.send(req.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(res.statusCode(), res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest.Builder req) {
        headers.forEach(req::header);
        try {
            HttpResponse<String> res = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(res.statusCode(), res.body(), res);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
