package io.attendance.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * People who sign in (bcrypt password hashes) and machines that call with a key (kept only as
 * SHA-256 of the key), from a YAML file of the LA's IT team:
 *
 * <pre>
 * users:
 *   - {username: jo.okafor, passwordHash: "$2a$12$...", role: la-officer, la: Northshire}
 *   - {username: riverside.lead, passwordHash: "$2a$12$...", role: school, urn: "100001"}
 * apiKeys:
 *   - {name: riverside-mis, keySha256: "9f86d0...", role: mis, urn: "100001"}
 * </pre>
 */
public final class Accounts {
    private static final int DEFAULT_COST = 12;

    public record User(String username, byte[] passwordHash, Principal principal) {
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Principal> keys = new LinkedHashMap<>();
    /** Verified when a username is unknown, so a wrong name costs as long as a wrong password: at the users' own cost. */
    private volatile byte[] dummyHash;

    public static Accounts none() {
        return new Accounts();
    }

    public Accounts addUser(String username, String bcryptHash, Principal principal) {
        if (username == null || username.isBlank()) throw new IllegalArgumentException("username: is required");
        if (bcryptHash == null || !bcryptHash.startsWith("$2")) throw new IllegalArgumentException("passwordHash: must be a bcrypt hash ($2a$/$2b$/$2y$)");
        if (users.containsKey(username)) throw new IllegalArgumentException("username: '" + username + "' is listed twice");
        users.put(username, new User(username, bcryptHash.getBytes(StandardCharsets.UTF_8), principal));
        dummyHash = null;
        return this;
    }

    public Accounts addKey(String keySha256, Principal principal) {
        if (keySha256 == null || !keySha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("keySha256: 64 lower-case hex digits");
        keys.put(keySha256, principal);
        return this;
    }

    /** The LA-admin key given at start (ATTENDANCE_ADMIN_KEY): reaches everything, as automation needs. */
    public Accounts withAdminKey(String key) {
        if (key != null && !key.isBlank()) keys.put(sha256(key), Principal.ADMIN);
        return this;
    }

    public Optional<User> signIn(String username, String password) {
        User u = username == null ? null : users.get(username.trim());
        char[] given = password == null ? new char[0] : password.toCharArray();
        boolean ok = BCrypt.verifyer().verify(given, u == null ? dummyHash() : u.passwordHash()).verified;
        return ok && u != null ? Optional.of(u) : Optional.empty();
    }

    public Optional<User> account(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** The hash an unknown username is checked against, at the cost most users' hashes have (the higher on a tie). */
    byte[] dummyHash() {
        byte[] d = dummyHash;
        if (d == null) {
            Map<Integer, Long> costs = users.values().stream()
                    .collect(Collectors.groupingBy(u -> cost(u.passwordHash()), Collectors.counting()));
            int cost = costs.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(DEFAULT_COST);
            dummyHash = d = BCrypt.withDefaults().hash(cost, "no such user".toCharArray());
        }
        return d;
    }

    /** The cost of a bcrypt hash: {@code $2a$12$...} is 12. */
    static int cost(byte[] bcryptHash) {
        String h = new String(bcryptHash, StandardCharsets.US_ASCII);
        try {
            return Integer.parseInt(h.substring(4, 6));
        } catch (RuntimeException e) {
            return DEFAULT_COST;
        }
    }

    public Optional<Principal> byKey(String key) {
        return key == null || key.isBlank() ? Optional.empty() : Optional.ofNullable(keys.get(sha256(key.trim())));
    }

    public List<String> usernames() {
        return List.copyOf(users.keySet());
    }

    public static String hashPassword(String password) {
        return BCrypt.withDefaults().hashToString(DEFAULT_COST, password.toCharArray());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an accounts file; every problem is named by file, list, index and field, and nothing is loaded if any is bad. */
    public static Accounts fromFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        Accounts a = new Accounts();
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": expected users: and apiKeys: lists");
        JsonNode users = root.path("users");
        for (int i = 0; i < users.size(); i++) {
            JsonNode u = users.get(i);
            try {
                a.addUser(text(u, "username"), text(u, "passwordHash"), principal(u, text(u, "username")));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": users[" + i + "]." + e.getMessage());
            }
        }
        JsonNode keys = root.path("apiKeys");
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            try {
                a.addKey(text(k, "keySha256"), principal(k, text(k, "name") == null ? "key-" + i : text(k, "name")));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": apiKeys[" + i + "]." + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        return a;
    }

    private static Principal principal(JsonNode n, String name) {
        String role = text(n, "role");
        if (role == null) throw new IllegalArgumentException("role: is required");
        Role r;
        try {
            r = Role.fromConfig(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role: " + e.getMessage());
        }
        return new Principal(name, r, text(n, "la"), text(n, "urn"));
    }

    /**
     * A field as the file's author wrote it. YAML reads an unquoted 012345 as a number (losing the
     * zero) and no or on as booleans, so a username, URN or LA that YAML did not read as text is
     * refused with how to write it.
     */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": YAML read this as " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + ", not text: put it in quotes (" + field + ": \"...\")");
        return v.asText();
    }
}
