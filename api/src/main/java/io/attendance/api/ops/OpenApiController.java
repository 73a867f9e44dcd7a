package io.attendance.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API's OpenAPI 3.1 description ({@code openapi.yaml}, kept beside the routes and checked against
 * them by a test) served as JSON at {@code /openapi.json}, and Swagger UI over it at {@code /api/docs}
 * from its WebJar. Neither holds personal data: both are open, as the probes are.
 */
public final class OpenApiController {
    private final String json;
    private final String page;

    public OpenApiController() {
        this.json = description().toString();
        String ui = "/webjars/swagger-ui/" + webjarVersion();
        this.page = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>API — Live attendance signals</title>
                <link rel="stylesheet" href="%s/swagger-ui.css"></head>
                <body><div id="swagger-ui"></div>
                <script src="%s/swagger-ui-bundle.js"></script>
                <script src="/assets/app/swagger-init.js"></script>
                </body></html>
                """.formatted(ui, ui);
    }

    /** The description as parsed from the shipped YAML (tests read it too). */
    public static JsonNode description() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the classpath");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml cannot be read", e);
        }
    }

    private static String webjarVersion() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void json(Context ctx) {
        ctx.contentType("application/json").result(json);
    }

    public void docs(Context ctx) {
        ctx.html(page);
    }
}
