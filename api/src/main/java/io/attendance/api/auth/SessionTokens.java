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
 * Signed session tokens: {@code username.expiry.id.version.hmac}. Stateless, so every instance that
 * shares the secret (ATTENDANCE_SESSION_SECRET) accepts a session signed by another, and a request
 * forwarded to a pupil's owner carries its caller's session with it. Two things end a session
 * before its expiry on every instance: signing out (its id joins the shared {@link Revocations}) and
 * a new password (the version is derived from the password hash the session was signed under).
 * The CSRF token of a session is derived from the session itself, so a form posted with another
 * session's token is refused.
 */
public final class SessionTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final byte[] secret;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Revocations revocations;

    /** A valid token's parts: {@code id} names it for revocation, {@code version} ties it to a password. */
    public record Session(String username, Instant expires, String id, String version) {
    }

    public SessionTokens(byte[] secret, Duration lifetime, Revocations revocations) {
        if (secret.length < 16) throw new IllegalArgumentException("the session secret must be at least 16 bytes");
        this.secret = secret.clone();
        this.lifetime = lifetime;
        this.revocations = revocations;
    }

    /** Sessions revoked on this instance only. */
    public static SessionTokens of(String configured, Duration lifetime) {
        return of(configured, lifetime, new InMemoryRevocations(java.time.Clock.systemUTC()));
    }

    /** A secret from configuration, or a random one for a single instance (sessions end when it stops). */
    public static SessionTokens of(String configured, Duration lifetime, Revocations revocations) {
        byte[] s;
        if (configured == null || configured.isBlank()) {
            s = new byte[32];
            new SecureRandom().nextBytes(s);
        } else {
            s = configured.getBytes(StandardCharsets.UTF_8);
        }
        return new SessionTokens(s, lifetime, revocations);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A session for this user, tied to the password hash it was signed in with. */
    public String issue(String username, byte[] passwordHash, Instant now) {
        String body = B64.encodeToString(username.getBytes(StandardCharsets.UTF_8)) + "." + now.plus(lifetime).getEpochSecond()
                + "." + nonce() + "." + version(passwordHash);
        return body + "." + mac("session|" + body);
    }

    /** A valid, unexpired token that has not been revoked; whether its password is still current is {@link #current}. */
    public Optional<Session> verify(String token, Instant now) {
        if (token == null) return Optional.empty();
        int last = token.lastIndexOf('.');
        if (last < 0) return Optional.empty();
        String body = token.substring(0, last);
        if (!MessageDigest.isEqual(mac("session|" + body).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        String[] parts = body.split("\\.");
        if (parts.length != 4) return Optional.empty();
        try {
            long expires = Long.parseLong(parts[1]);
            if (expires <= now.getEpochSecond() || revocations.revoked(parts[2])) return Optional.empty();
            return Optional.of(new Session(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8), Instant.ofEpochSecond(expires),
                    parts[2], parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Was the session signed in under this password hash (not an earlier password)? */
    public boolean current(Session session, byte[] passwordHash) {
        return matches(version(passwordHash), session.version());
    }

    /** Ends the session on every instance sharing the revocations. */
    public void revoke(Session session) {
        revocations.revoke(session.id(), session.expires());
    }

    /** A random value for a token id or the sign-in form's pre-session cookie. */
    public String nonce() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        return B64.encodeToString(nonce);
    }

    /** The sign-in form's CSRF token for its pre-session cookie: the cookie alone cannot be turned into it. */
    public String signInCsrfFor(String nonce) {
        return mac("sign-in|" + nonce);
    }

    private String version(byte[] passwordHash) {
        return mac("version|" + new String(passwordHash, StandardCharsets.US_ASCII)).substring(0, 16);
    }

    public String csrfFor(String token) {
        return mac("csrf|" + token);
    }

    public boolean csrfMatches(String token, String given) {
        return token != null && matches(csrfFor(token), given);
    }

    public boolean signInCsrfMatches(String nonce, String given) {
        return nonce != null && matches(signInCsrfFor(nonce), given);
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A key for another purpose (32 bytes), derived from the deployment's secret so every instance
     * holds the same one and the secret itself is used for nothing but signing sessions.
     */
    public byte[] derive(String purpose) {
        return HexFormat.of().parseHex(mac("attendance key for " + purpose));
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
