package io.attendance.api.query;

import io.attendance.contract.query.AttendanceQueries;
import io.attendance.contract.query.AttendanceQueries.Instance;
import io.attendance.contract.query.AttendanceQueries.Owner;
import io.attendance.contract.query.NotReadyException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Forwards a request to the instance that owns its pupil (as {@link AttendanceQueries} says), or
 * gathers a list from every other instance. A forwarded request carries {@link #FORWARDED} so it is never
 * forwarded again.
 */
public final class InstanceRouter {
    public static final String FORWARDED = "X-Attendance-Forwarded";

    private final AttendanceQueries queries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public InstanceRouter(AttendanceQueries queries) {
        this.queries = queries;
    }

    public record Forwarded(int status, String body, String contentType) {
    }

    /** The instance holding the pupil's partition (their figures, cases and letters). */
    public Owner ownerOf(String upn) {
        return queries.ownerOfPupil(upn);
    }

    /**
     * The same request (path and query, the caller's credentials) answered by every other instance
     * that holds {@code store}, for lists gathered from all of them; none when this request was
     * itself forwarded. Any instance that does not answer 200 fails the whole list: a partial list
     * would look complete.
     */
    public java.util.List<String> askOthers(io.javalin.http.Context ctx, String what) {
        if (ctx.header(FORWARDED) != null) return java.util.List.of();
        String pathAndQuery = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (Instance instance : queries.otherInstances()) {
            Forwarded f = forward(instance, pathAndQuery, passOn(ctx));
            if (f.status() != 200) throw new io.attendance.api.ApiError(503, "an instance could not " + what + " (" + f.status() + ")");
            bodies.add(f.body());
        }
        return bodies;
    }

    /**
     * Answers the request from the instance that owns its key when that is not this one (same
     * method, path, query, body and caller); true when it was relayed, so the caller is done.
     */
    public boolean relayed(io.javalin.http.Context ctx, Owner owner) {
        if (owner.self() || ctx.header(FORWARDED) != null) return false;
        String method = ctx.method().name();
        String pathAndQuery = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        HttpRequest.Builder req = request(owner.instance(), pathAndQuery, passOn(ctx)).method(method,
                method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(ctx.body()));
        if (!method.equals("GET")) req.header("Content-Type", "application/json");
        // As bytes: the owner's answer may be JSON or a letter's PDF.
        HttpResponse<byte[]> res = send(owner.instance(), req, HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(res.statusCode()).contentType(res.headers().firstValue("Content-Type").orElse("application/json")).result(res.body());
        return true;
    }

    /** The caller's headers an owner needs to answer as if asked directly: who asks, and who records. */
    public static Map<String, String> passOn(io.javalin.http.Context ctx) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (String name : java.util.List.of("Authorization", "Cookie", "X-CSRF-Token", "X-Recorded-By")) {
            String v = ctx.header(name);
            if (v != null) h.put(name, v);
        }
        return h;
    }

    public Forwarded forward(Instance host, String pathAndQuery, Map<String, String> headers) {
        return forward(host, "GET", pathAndQuery, null, headers);
    }

    /** Forwards a request with a JSON body (POST to the instance that owns the case). */
    public Forwarded forward(Instance host, String method, String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder req = request(host, pathAndQuery, headers)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) req.header("Content-Type", "application/json");
        HttpResponse<String> res = send(host, req, HttpResponse.BodyHandlers.ofString());
        return new Forwarded(res.statusCode(), res.body(), res.headers().firstValue("Content-Type").orElse("application/json"));
    }

    private static HttpRequest.Builder request(Instance host, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(15)).header(FORWARDED, "1");
        headers.forEach(req::header);
        return req;
    }

    private <T> HttpResponse<T> send(Instance host, HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(req.build(), body);
        } catch (java.io.IOException e) {
            throw new NotReadyException("the instance at " + host.host() + ":" + host.port() + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while forwarding");
        }
    }
}
