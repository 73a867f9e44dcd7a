package io.attendance.app;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of the top-level docker-compose.yml as Compose itself resolves them: anchors and
 * {@code <<} merge keys expanded (SnakeYAML does both), so a test starts each service with the
 * very environment and command the file gives it.
 */
final class ComposeServices {
    static final Path FILE = Path.of("..", "docker-compose.yml");
    /** What a deployment's .env gives the variables compose requires: fresh random values per test run. */
    static final Map<String, String> SECRETS = Map.of(
            "ATTENDANCE_SESSION_SECRET", java.util.HexFormat.of().formatHex(random(32)),
            "ATTENDANCE_ADMIN_KEY", java.util.HexFormat.of().formatHex(random(32)));

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    private final Map<String, Map<String, Object>> services;

    @SuppressWarnings("unchecked")
    private ComposeServices(Map<String, Object> root) {
        this.services = (Map<String, Map<String, Object>>) root.get("services");
    }

    static ComposeServices load() {
        try {
            Map<String, Object> root = new Yaml().load(Files.readString(FILE));
            return new ComposeServices(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    List<String> names() {
        return List.copyOf(services.keySet());
    }

    /** The service's environment, every value as the string a container would see. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String service) {
        Map<String, Object> env = (Map<String, Object>) service(service).getOrDefault("environment", Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, substitute(String.valueOf(v))));
        return out;
    }

    /** Compose's {@code ${VAR:?message}}: the value the deployment's environment gives it. */
    private static String substitute(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\$\\{([A-Z_]+):\\?[^}]*}$").matcher(value);
        if (!m.matches()) return value;
        String v = SECRETS.get(m.group(1));
        if (v == null) throw new IllegalArgumentException("docker-compose.yml requires " + m.group(1) + ", which the tests do not give");
        return v;
    }

    /** The service's {@code command} (the arguments after the image's entrypoint). */
    @SuppressWarnings("unchecked")
    List<String> command(String service) {
        return List.copyOf((List<String>) service(service).get("command"));
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> s = services.get(name);
        if (s == null) throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        return s;
    }
}
