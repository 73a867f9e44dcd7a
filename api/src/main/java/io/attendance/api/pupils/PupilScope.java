package io.attendance.api.pupils;

import io.javalin.http.Context;

/** Where a write about one pupil is answered, and whether the caller may make it. */
@FunctionalInterface
public interface PupilScope {
    /**
     * Relays the request to the instance that owns the pupil (true: it has been answered), or,
     * here, checks that the caller may see the pupil (404 if not, as reads answer).
     */
    boolean relayedElseChecked(Context ctx, String upn);
}
