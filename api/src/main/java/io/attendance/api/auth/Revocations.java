package io.attendance.api.auth;

import java.time.Instant;

/**
 * Sessions ended before their expiry (signed out), by session id. Every instance must refuse a
 * revoked session, so a multi-instance deployment shares them (the app keeps them on a Kafka topic).
 */
public interface Revocations {
    /** Ends the session at once here and, as soon as they hear of it, on the other instances. */
    void revoke(String sessionId, Instant expires);

    boolean revoked(String sessionId);
}
