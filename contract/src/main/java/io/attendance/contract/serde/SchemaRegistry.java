package io.attendance.contract.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of the Confluent Schema Registry REST API the product makes (which Apicurio's
 * {@code /apis/ccompat/v7} and Karapace serve too): register a schema under a subject, test a schema
 * against a subject's latest version, and fetch a schema by id. Errors say which call, which subject
 * and what the registry answered.
 */
public final class SchemaRegistry {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param userInfo "user:password" for HTTP basic authentication (Confluent Cloud's API key and secret), or null */
    public SchemaRegistry(String url, String userInfo) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = userInfo == null || userInfo.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Registers (or finds) the schema under the subject: {@code POST /subjects/{subject}/versions}; its global id. */
    public int register(String subject, Schema schema) {
        JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions", body(schema), "register a schema under " + subject)
                .orElseThrow(() -> new IllegalStateException("schema registry " + base + ": no subject " + subject));
        return answer.get("id").asInt();
    }

    /**
     * Whether the schema can be registered under the subject by the subject's compatibility rule (BACKWARD
     * by default): {@code POST /compatibility/subjects/{subject}/versions/latest}; true for a subject not registered yet.
     */
    public boolean compatible(String subject, Schema schema) {
        return call("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema),
                "check compatibility with " + subject).map(a -> a.get("is_compatible").asBoolean()).orElse(true);
    }

    /** The schema a record names by its id: {@code GET /schemas/ids/{id}}. */
    public Schema schema(int id) {
        JsonNode answer = call("GET", "schemas/ids/" + id, null, "read schema " + id)
                .orElseThrow(() -> new IllegalStateException("schema registry " + base + " has no schema with id " + id));
        return new Schema.Parser().parse(answer.get("schema").asText());
    }

    private static String body(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schemaType", "AVRO", "schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The answer's JSON; empty when the registry says the subject or version does not exist (404, error codes 40401/40402). */
    private Optional<JsonNode> call(String method, String path, String body, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) b.header("Authorization", authorization);
        if (body == null) b.GET();
        else b.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry " + base + ": cannot " + what + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the schema registry to " + what, e);
        }
        if (r.statusCode() == 404) return Optional.empty();
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("schema registry " + base + " refused to " + what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        try {
            return Optional.of(JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException("schema registry " + base + ": the answer to " + what + " is not JSON: " + r.body(), e);
        }
    }
}
