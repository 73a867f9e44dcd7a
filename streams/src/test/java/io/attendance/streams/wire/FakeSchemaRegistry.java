package io.attendance.streams.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A schema registry for tests, written from Confluent's public REST API reference (which Apicurio's
 * ccompat API and Karapace follow): {@code POST /subjects/{s}/versions} answers {@code {"id": n}} (the
 * same id for a schema already registered anywhere), {@code POST /compatibility/subjects/{s}/versions/latest}
 * answers {@code {"is_compatible": b}} under BACKWARD (the new schema reads data written with the
 * latest) or 404 with error 40401 for an unknown subject, {@code GET /schemas/ids/{id}} answers
 * {@code {"schema": "..."}} or 404 with 40403. Bodies are {@code application/vnd.schemaregistry.v1+json}.
 */
final class FakeSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Schema> byId = new CopyOnWriteArrayList<>(); // id = index + 1
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    synchronized int idOf(String subject) {
        List<Integer> versions = subjects.get(subject);
        return versions.get(versions.size() - 1);
    }

    synchronized Map<String, List<Integer>> subjects() {
        return new LinkedHashMap<>(subjects);
    }

    /** What a vendor's producer does before writing: registers its own version of the subject's schema. */
    synchronized int register(String subject, Schema schema) {
        int id = byId.indexOf(schema) + 1;
        if (id == 0) {
            byId.add(schema);
            id = byId.size();
        }
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) versions.add(id);
        return id;
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        calls.add(x.getRequestMethod() + " " + path);
        String[] p = path.substring(1).split("/");
        try {
            if (x.getRequestMethod().equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
                answer(x, 200, Map.of("id", register(decode(p[1]), schemaIn(x))));
            } else if (x.getRequestMethod().equals("POST") && p.length == 5 && p[0].equals("compatibility") && p[4].equals("latest")) {
                Schema candidate = schemaIn(x);
                Integer latest;
                synchronized (this) {
                    List<Integer> versions = subjects.get(decode(p[2]));
                    latest = versions == null ? null : versions.get(versions.size() - 1);
                }
                if (latest == null) answer(x, 404, Map.of("error_code", 40401, "message", "Subject '" + decode(p[2]) + "' not found."));
                else answer(x, 200, Map.of("is_compatible", SchemaCompatibility.checkReaderWriterCompatibility(candidate, byId.get(latest - 1))
                        .getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE));
            } else if (x.getRequestMethod().equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
                int id = Integer.parseInt(p[2]);
                if (id < 1 || id > byId.size()) answer(x, 404, Map.of("error_code", 40403, "message", "Schema " + id + " not found"));
                else answer(x, 200, Map.of("schema", byId.get(id - 1).toString()));
            } else {
                answer(x, 404, Map.of("error_code", 404, "message", "HTTP 404 Not Found"));
            }
        } catch (RuntimeException e) {
            answer(x, 500, Map.of("error_code", 500, "message", String.valueOf(e.getMessage())));
        }
    }

    private static Schema schemaIn(HttpExchange x) throws IOException {
        JsonNode body = JSON.readTree(x.getRequestBody());
        if (!x.getRequestHeaders().getFirst("Content-Type").startsWith("application/vnd.schemaregistry.v1+json")) {
            throw new IllegalArgumentException("content type " + x.getRequestHeaders().getFirst("Content-Type"));
        }
        if (body.has("schemaType") && !body.get("schemaType").asText().equals("AVRO")) throw new IllegalArgumentException("not AVRO");
        return new Schema.Parser().parse(body.get("schema").asText());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
