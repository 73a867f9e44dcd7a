package io.attendance.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The pages ask this instance's own API, as the signed-in caller: the API already finds the
 * instance that owns each pupil, gathers lists from every instance and checks scope, so a page
 * shows exactly what its viewer could fetch as JSON and nothing more.
 */
final class SelfClient {
    record Answer(int status, JsonNode json) {
        boolean ok() {
            return status / 100 == 2;
        }

        String error() {
            return json != null && json.has("error") ? json.get("error").asText() : "HTTP " + status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final Access access;
    private volatile int port;

    SelfClient(ObjectMapper json, Access access) {
        this.json = json;
        this.access = access;
    }

    void port(int port) {
        this.port = port;
    }

    /** A GET whose answer the page needs: any failure becomes the page's own error (404 stays 404). */
    JsonNode get(Context ctx, String path) {
        Answer a = send(ctx, HttpRequest.newBuilder(uri(path)).GET());
        if (!a.ok()) throw new ApiError(a.status(), a.error());
        return a.json();
    }

    Answer post(Context ctx, String path, String body) {
        return send(ctx, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** How long a page waits out a rebalance (the API's 503) before showing it as an error. */
    private static final long REBALANCE_WAIT_MS = 15_000;

    private Answer send(Context ctx, HttpRequest.Builder req) {
        Access.asCaller(ctx, access).forEach(req::header);
        req.timeout(Duration.ofSeconds(20));
        try {
            long giveUp = System.currentTimeMillis() + REBALANCE_WAIT_MS;
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            // Partitions move between instances for a few seconds after one starts or stops: a person
            // opening a page would rather wait that out than read "rebalancing".
            while (res.statusCode() == 503 && System.currentTimeMillis() < giveUp) {
                Thread.sleep(250); // the API's Retry-After is 1 s; a page retries sooner
                res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            }
            JsonNode body = res.body() == null || res.body().isBlank() ? null : json.readTree(res.body());
            return new Answer(res.statusCode(), body);
        } catch (IOException e) {
            throw new ApiError(503, "the service did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
    }
}
