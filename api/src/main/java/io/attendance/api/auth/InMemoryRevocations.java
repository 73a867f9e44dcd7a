package io.attendance.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked session ids held until the session would have expired anyway: then its signature
 * check refuses it and the entry is only memory. Alone it serves one instance.
 */
public final class InMemoryRevocations implements Revocations {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant swept;

    public InMemoryRevocations(Clock clock) {
        this.clock = clock;
        this.swept = clock.instant();
    }

    @Override
    public void revoke(String sessionId, Instant expires) {
        Instant now = clock.instant();
        // Swept now and then, not on every revoke: an instance starting reads every revocation at once.
        if (now.isAfter(swept.plus(SWEEP_EVERY))) {
            swept = now;
            revoked.values().removeIf(e -> !e.isAfter(now));
        }
        if (expires.isAfter(now)) revoked.merge(sessionId, expires, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean revoked(String sessionId) {
        Instant expires = revoked.get(sessionId);
        return expires != null && expires.isAfter(clock.instant());
    }
}
