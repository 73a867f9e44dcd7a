package io.attendance.api.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.contract.query.AttendanceQueries.Instance;
import io.attendance.contract.query.AttendanceQueries.Owner;
import io.attendance.contract.query.NotReadyException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the instance that owns a pupil (as {@link AttendanceQueries} says) for what only it holds,
 * as the caller, and reads its answer into the same typed record this instance would have built;
 * gathers lists from every other instance. A forwarded request carries {@link #FORWARDED} so it is
 * never forwarded again.
 */
public final class InstanceRouter {
    public static final String FORWARDED = "X-Attendance-Forwarded";

    private final AttendanceQueries queries;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final io.attendance.api.ids.OpaqueIds ids;
    private final byte[] forwardingKey;
    private static final String VERIFIED = "attendance.forwarded";

    /**
     * @param ids           what URLs call cases, letters and pupils (the same on every instance)
     * @param forwardingKey signs the forwarding header: a request is forwarded (answered here, not recorded
     *                      again in the access log) only when another instance of this deployment sent it
     */
    public InstanceRouter(AttendanceQueries queries, ObjectMapper json, io.attendance.api.ids.OpaqueIds ids, byte[] forwardingKey) {
        this.queries = queries;
        this.json = json;
        this.ids = ids;
        this.forwardingKey = forwardingKey.clone();
    }

    /** Before every request: whether its forwarding header is one an instance of this deployment signed for its path. */
    public void verify(io.javalin.http.Context ctx) {
        String given = ctx.header(FORWARDED);
        boolean ok = given != null && java.security.MessageDigest.isEqual(seal(ctx.path()).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ctx.attribute(VERIFIED, ok);
    }

    /** Was this request forwarded by another instance (a header a caller wrote themselves does not count)? */
    public static boolean forwarded(io.javalin.http.Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(VERIFIED));
    }

    private String seal(String path) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(forwardingKey, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(("forwarded " + path).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case a URL's reference names; 404 for a reference this deployment did not issue. */
    public String caseId(String ref) {
        return ids.id(io.attendance.api.ids.OpaqueIds.Kind.CASE, ref).orElseThrow(() -> new io.attendance.api.ApiError(404, "no case " + ref));
    }

    /** The letter a URL's reference names; 404 for a reference this deployment did not issue. */
    public String letterId(String ref) {
        return ids.id(io.attendance.api.ids.OpaqueIds.Kind.LETTER, ref).orElseThrow(() -> new io.attendance.api.ApiError(404, "no letter " + ref));
    }

    public String caseRef(String caseId) {
        return ids.ref(io.attendance.api.ids.OpaqueIds.Kind.CASE, caseId);
    }


    /** The instance holding the pupil's partition (their figures, cases and letters). */
    public Owner ownerOf(String upn) {
        return queries.ownerOfPupil(upn);
    }

    /** Whether this instance answers from its own state: it owns the pupil, or the request was forwarded here. */
    public static boolean answersHere(Owner owner, Caller caller) {
        return owner.self() || caller.forwarded();
    }

    /** A GET answered by another instance, read as {@code type}; its refusal (404, 400…) becomes this answer's. */
    private <T> T ask(Instance owner, String pathAndQuery, Caller caller, JavaType type) {
        return read(send(owner, "GET", pathAndQuery, null, caller), type);
    }

    /** A list answered by another instance, read as a list of {@code item}. */
    public <T> List<T> askList(Instance owner, String pathAndQuery, Caller caller, Class<T> item) {
        return ask(owner, pathAndQuery, caller, listOf(item));
    }

    public <T> T ask(Instance owner, String pathAndQuery, Caller caller, Class<T> type) {
        return ask(owner, pathAndQuery, caller, json.constructType(type));
    }

    /** A POST of {@code body} answered by another instance (the owner of the case it acts on). */
    public <T> T post(Instance owner, String path, Object body, Caller caller, Class<T> type) {
        try {
            return read(send(owner, "POST", path, json.writeValueAsString(body), caller), json.constructType(type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same list from every other instance, for lists gathered from all of them; none when this
     * request was itself forwarded. Any instance that does not answer 200 fails the whole list: a
     * partial list would look complete.
     */
    public <T> List<T> gather(Caller caller, String pathAndQuery, Class<T> item, String what) {
        if (caller.forwarded()) return List.of();
        List<T> all = new ArrayList<>();
        for (Instance instance : queries.otherInstances()) {
            HttpResponse<String> res = send(instance, "GET", pathAndQuery, null, caller);
            if (res.statusCode() != 200) throw new ApiError(503, "an instance could not " + what + " (" + res.statusCode() + ")");
            all.addAll(read(res, listOf(item)));
        }
        return all;
    }

    /**
     * Answers the request from the instance that owns its key when that is not this one (same
     * method, path, query, body and caller); true when it was relayed, so the caller is done.
     */
    public boolean relayed(io.javalin.http.Context ctx, Owner owner) {
        if (owner.self() || forwarded(ctx)) return false;
        String method = ctx.method().name();
        String pathAndQuery = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        HttpRequest.Builder req = request(owner.instance(), pathAndQuery, passOn(ctx)).method(method,
                method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(ctx.body()));
        if (!method.equals("GET")) req.header("Content-Type", "application/json");
        // As bytes: the owner's answer may be JSON or a letter's PDF.
        HttpResponse<byte[]> res = send(owner.instance(), req, HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(res.statusCode()).contentType(res.headers().firstValue("Content-Type").orElse("application/json")).result(res.body());
        // a download stays a download (a court pack's file name) when another instance answered it
        res.headers().firstValue("Content-Disposition").ifPresent(d -> ctx.header("Content-Disposition", d));
        return true;
    }

    /** The caller's headers an owner needs to answer as if asked directly: who asks, and who records. */
    public static Map<String, String> passOn(io.javalin.http.Context ctx) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (String name : List.of("Authorization", "Cookie", "X-CSRF-Token", "X-Recorded-By")) {
            String v = ctx.header(name);
            if (v != null) h.put(name, v);
        }
        return h;
    }

    private JavaType listOf(Class<?> item) {
        return json.getTypeFactory().constructCollectionType(List.class, item);
    }

    private <T> T read(HttpResponse<String> res, JavaType type) {
        try {
            if (res.statusCode() / 100 != 2) {
                JsonNode err = res.body() == null || res.body().isBlank() ? null : json.readTree(res.body());
                throw RemoteRefusal.of(res.statusCode(), err);
            }
            return json.readValue(res.body(), type);
        } catch (IOException e) {
            throw new ApiError(503, "an instance's answer could not be read");
        }
    }

    private HttpResponse<String> send(Instance host, String method, String pathAndQuery, String body, Caller caller) {
        HttpRequest.Builder req = request(host, pathAndQuery, caller.passOn())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) req.header("Content-Type", "application/json");
        return send(host, req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(Instance host, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(15)).header(FORWARDED, seal(pathAndQuery.split("\\?", 2)[0]));
        headers.forEach(req::header);
        return req;
    }

    private <T> HttpResponse<T> send(Instance host, HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(req.build(), body);
        } catch (IOException e) {
            throw new NotReadyException("the instance at " + host.host() + ":" + host.port() + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while forwarding");
        }
    }
}
