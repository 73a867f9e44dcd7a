package io.attendance.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.attendance.api.ops.OpenApiController;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.testtools.JavalinTest;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openapi.yaml against the service as built: every route the API registers is described and every
 * description is a route; the description is served as JSON and in Swagger UI without credentials;
 * and the API's recorded answers for the demo (api-answers/, compared byte for byte by the end-to-end
 * test) each validate against the schema the description gives for their route and status.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static KafkaStreams streams;
    private static Javalin app;
    private static final JsonNode SPEC = OpenApiController.description();

    @BeforeAll
    static void build() {
        streams = UnstartedApi.streams("openapi");
        app = UnstartedApi.withLiveFeed(streams);
    }

    @AfterAll
    static void close() {
        streams.close(Duration.ofSeconds(5));
    }

    private static TreeSet<String> described() {
        TreeSet<String> out = new TreeSet<>();
        SPEC.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }));
        return out;
    }

    @Test
    void every_route_is_described_and_every_described_route_exists() {
        TreeSet<String> routes = new TreeSet<>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            HandlerType m = e.endpoint.method;
            if (!METHODS.contains(m.name().toLowerCase(Locale.ROOT))) continue; // before/after filters, HEAD, OPTIONS
            if (e.endpoint.path.startsWith("/clear-cookies-")) continue; // JavalinTest's own, added when a test client runs
            routes.add(m.name() + " " + e.endpoint.path);
        }
        assertThat(routes).as("routes").hasSizeGreaterThan(30);
        TreeSet<String> undescribed = new TreeSet<>(routes);
        undescribed.removeAll(described());
        TreeSet<String> missing = new TreeSet<>(described());
        missing.removeAll(routes);
        assertThat(undescribed).as("routes without a description in openapi.yaml").isEmpty();
        assertThat(missing).as("descriptions in openapi.yaml of routes that do not exist").isEmpty();
        // and each operation says what it is, and what it answers
        for (String op : described()) {
            String[] p = op.split(" ", 2);
            JsonNode o = SPEC.get("paths").get(p[1]).get(p[0].toLowerCase(Locale.ROOT));
            assertThat(o.path("summary").asText()).as(op + " summary").isNotBlank();
            assertThat(o.path("responses").size()).as(op + " responses").isPositive();
        }
    }

    @Test
    void the_description_is_openapi_3_1_served_as_json_and_in_swagger_ui_without_credentials() {
        assertThat(SPEC.get("openapi").asText()).startsWith("3.1.");
        JavalinTest.test(app, (server, client) -> {
            var json = client.get("/openapi.json");
            assertThat(json.code()).isEqualTo(200);
            assertThat(JSON.readTree(json.body().string())).isEqualTo(SPEC);
            var docs = client.get("/api/docs");
            assertThat(docs.code()).isEqualTo(200);
            String page = docs.body().string();
            String ui = Pattern.compile("/webjars/swagger-ui/[^/]+").matcher(page).results().findFirst().orElseThrow().group();
            assertThat(page).contains(ui + "/swagger-ui-bundle.js", "/assets/app/swagger-init.js");
            assertThat(client.get(ui + "/swagger-ui-bundle.js").code()).isEqualTo(200);
            assertThat(client.get("/assets/app/swagger-init.js").body().string()).contains("/openapi.json");
        });
    }

    @Test
    void every_recorded_api_answer_validates_against_the_schema_of_its_route_and_status() throws Exception {
        Path recorded = Path.of("src", "test", "resources", "api-answers");
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        List<String> checked = new ArrayList<>(), problems = new ArrayList<>();
        try (var files = Files.list(recorded)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.txt$", "");
                if (name.startsWith("PAGE_")) continue; // HTML pages: compared byte for byte elsewhere
                String method = name.substring(0, name.indexOf('_'));
                String[] text = Files.readString(f).split("\n", 2);
                String status = text[0].strip(), body = text[1];
                String template = template(method, name.substring(method.length() + 1));
                assertThat(template).as(name + " matches a described route").isNotNull();
                JsonNode response = resolve(SPEC.get("paths").get(template).get(method.toLowerCase(Locale.ROOT)).path("responses").path(status));
                assertThat(response.isMissingNode()).as(name + ": status " + status + " is described for " + method + " " + template).isFalse();
                JsonNode schema = response.path("content").path("application/json").path("schema");
                assertThat(schema.isMissingNode()).as(name + ": a JSON schema for " + status).isFalse();
                ObjectNode root = schema.deepCopy();
                root.set("components", SPEC.get("components")); // so '#/components/...' resolves inside the schema
                var errors = schemas.getSchema(root.toString(), InputFormat.JSON).validate(body, InputFormat.JSON);
                errors.forEach(e -> problems.add(name + ": " + e));
                checked.add(name);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("answers checked").hasSizeGreaterThan(80)
                .anyMatch(n -> n.startsWith("GET_api_v1_cases_c-")).anyMatch(n -> n.startsWith("POST_api_v1_marks"));
    }

    /** The described path a recorded answer's name stands for ('_' for '/', 'k=v' parts the query, '-N' a repeat). */
    private static String template(String method, String encoded) {
        List<String> segments = new ArrayList<>();
        for (String s : encoded.split("_")) {
            if (s.contains("=")) continue;
            // a reference (c-…, p-…, l-…) may hold '_' itself: its parts join until the next route word
            boolean inRef = !segments.isEmpty() && segments.get(segments.size() - 1).matches("[clp]-.*") && !s.matches("actions(-\\d+)?");
            if (inRef) segments.set(segments.size() - 1, segments.get(segments.size() - 1) + "_" + s);
            else segments.add(s);
        }
        String path = "/" + String.join("/", segments);
        for (String candidate : List.of(path, path.replaceFirst("-\\d+$", ""))) {
            for (var it = SPEC.get("paths").fieldNames(); it.hasNext(); ) {
                String t = it.next();
                if (!SPEC.get("paths").get(t).has(method.toLowerCase(Locale.ROOT))) continue;
                if (candidate.matches(t.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."))) return t;
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) return node;
        JsonNode at = SPEC;
        for (String part : node.get("$ref").asText().substring(2).split("/")) at = at.path(part);
        return at;
    }
}
