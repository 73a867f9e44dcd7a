package io.attendance.api.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Finds which instance owns a key (Kafka Streams' metadata and {@code application.server}) and
 * forwards a request to it. A forwarded request carries {@link #FORWARDED} so it is never
 * forwarded again.
 */
public final class InstanceRouter {
    public static final String FORWARDED = "X-Attendance-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public InstanceRouter(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public record Owner(HostInfo host, int partition, boolean self) {
    }

    public record Forwarded(int status, String body, String contentType) {
    }

    public Owner ownerOf(String store, String key) {
        requireRunning();
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            throw new NotReadyException("the store " + store + " is not available yet");
        }
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotReadyException("no instance owns that key yet (rebalancing)");
        }
        return new Owner(meta.activeHost(), meta.partition(), meta.activeHost().equals(self));
    }

    public <K, V> ReadOnlyKeyValueStore<K, V> localStore(String store, Integer partition) {
        requireRunning();
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> q =
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
            return streams.store(partition == null ? q : q.withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the store " + store + " is being rebuilt or moved"); // Kafka's own text stays in the logs
        }
    }

    public Collection<StreamsMetadata> instancesOf(String store) {
        requireRunning();
        return streams.streamsMetadataForStore(store);
    }

    /**
     * The same request (path and query, the caller's credentials) answered by every other instance
     * that holds {@code store}, for lists gathered from all of them; none when this request was
     * itself forwarded. Any instance that does not answer 200 fails the whole list: a partial list
     * would look complete.
     */
    public java.util.List<String> askOthers(String store, io.javalin.http.Context ctx, String what) {
        if (ctx.header(FORWARDED) != null) return java.util.List.of();
        String pathAndQuery = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (StreamsMetadata instance : instancesOf(store)) {
            if (isSelf(instance.hostInfo())) continue;
            Forwarded f = forward(instance.hostInfo(), pathAndQuery, passOn(ctx));
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
        Forwarded f = forward(owner.host(), method, pathAndQuery, method.equals("GET") ? null : ctx.body(), passOn(ctx));
        ctx.status(f.status()).contentType(f.contentType()).result(f.body());
        return true;
    }

    public boolean isSelf(HostInfo host) {
        return self.equals(host);
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

    public Forwarded forward(HostInfo host, String pathAndQuery, Map<String, String> headers) {
        return forward(host, "GET", pathAndQuery, null, headers);
    }

    /** Forwards a request with a JSON body (POST to the instance that owns the case). */
    public Forwarded forward(HostInfo host, String method, String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder req = request(host, pathAndQuery, headers)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) req.header("Content-Type", "application/json");
        HttpResponse<String> res = send(host, req, HttpResponse.BodyHandlers.ofString());
        return new Forwarded(res.statusCode(), res.body(), res.headers().firstValue("Content-Type").orElse("application/json"));
    }

    /** A GET whose answer is bytes (a PDF), from the instance that owns it. */
    public record ForwardedBytes(int status, byte[] body, String contentType) {
    }

    public ForwardedBytes forwardBytes(HostInfo host, String pathAndQuery, Map<String, String> headers) {
        HttpResponse<byte[]> res = send(host, request(host, pathAndQuery, headers).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new ForwardedBytes(res.statusCode(), res.body(), res.headers().firstValue("Content-Type").orElse("application/octet-stream"));
    }

    private static HttpRequest.Builder request(HostInfo host, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(15)).header(FORWARDED, "1");
        headers.forEach(req::header);
        return req;
    }

    private <T> HttpResponse<T> send(HostInfo host, HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(req.build(), body);
        } catch (java.io.IOException e) {
            throw new NotReadyException("the instance at " + host.host() + ":" + host.port() + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while forwarding");
        }
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new NotReadyException("streams are " + state);
        }
    }
}
