package io.attendance.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed session tokens: {@code username.expiry.nonce.hmac}. Stateless, so every instance that
 * shares the secret (ATTENDANCE_SESSION_SECRET) accepts a session signed by another, and a request
 * forwarded to a pupil's owner carries its caller's session with it. The CSRF token of a session
 * is derived from the session itself, so a form posted with another session's token is refused.
 */
public final class SessionTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final byte[] secret;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(byte[] secret, Duration lifetime) {
        if (secret.length < 16) throw new IllegalArgumentException("the session secret must be at least 16 bytes");
        this.secret = secret.clone();
        this.lifetime = lifetime;
    }

    /** A secret from configuration, or a random one for a single instance (sessions end when it stops). */
    public static SessionTokens of(String configured, Duration lifetime) {
        byte[] s;
        if (configured == null || configured.isBlank()) {
            s = new byte[32];
            new SecureRandom().nextBytes(s);
        } else {
            s = configured.getBytes(StandardCharsets.UTF_8);
        }
        return new SessionTokens(s, lifetime);
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(String username, Instant now) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String body = B64.encodeToString(username.getBytes(StandardCharsets.UTF_8)) + "." + now.plus(lifetime).getEpochSecond()
                + "." + B64.encodeToString(nonce);
        return body + "." + mac("session|" + body);
    }

    /** The username of a valid, unexpired token. */
    public Optional<String> verify(String token, Instant now) {
        if (token == null) return Optional.empty();
        int last = token.lastIndexOf('.');
        if (last < 0) return Optional.empty();
        String body = token.substring(0, last);
        if (!MessageDigest.isEqual(mac("session|" + body).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        String[] parts = body.split("\\.");
        if (parts.length != 3) return Optional.empty();
        try {
            if (Long.parseLong(parts[1]) < now.getEpochSecond()) return Optional.empty();
            return Optional.of(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String csrfFor(String token) {
        return mac("csrf|" + token);
    }

    public boolean csrfMatches(String token, String given) {
        return token != null && given != null
                && MessageDigest.isEqual(csrfFor(token).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
