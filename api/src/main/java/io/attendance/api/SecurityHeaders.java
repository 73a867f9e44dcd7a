package io.attendance.api;

import io.attendance.core.policy.Policy;


import io.javalin.http.Context;

/**
 * Response headers that keep children's data out of caches and other sites' frames, on every
 * answer: pages, API JSON, letter PDFs and errors alike. Only the static design-system files may be
 * cached. The pages load every script from a file, so the policy allows no inline script.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void before(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String path = ctx.path();
        if (!path.startsWith("/webjars/") && !path.startsWith("/assets/")) ctx.header("Cache-Control", "no-store");
    }

    /** Pages say their character set, so a browser never guesses one. */
    public static void after(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith("text/html") && !type.toLowerCase(java.util.Locale.ROOT).contains("charset")) {
            ctx.contentType("text/html; charset=utf-8");
        }
    }
}
