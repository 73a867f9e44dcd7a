package io.attendance.api.pages;

import io.attendance.api.auth.Access;
import io.attendance.api.auth.SignInLimits;
import io.javalin.http.Context;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** GET/POST /sign-in and POST /sign-out. */
final class SignInController {
    private final Access access;
    private final PageRenderer pages;

    SignInController(Access access, PageRenderer pages) {
        this.access = access;
        this.pages = pages;
    }

    void form(Context ctx) {
        ctx.html(pages.render("sign-in", model(ctx, null, "")));
    }

    void signIn(Context ctx) {
        String username = ctx.formParam("username");
        String shown = username == null ? "" : username;
        if (!access.signInCsrfMatches(ctx)) {
            ctx.status(403).html(pages.render("sign-in", model(ctx,
                    "The sign-in form had expired or did not come from this site: enter your username and password again", shown)));
            return;
        }
        try {
            if (access.signIn(ctx, username, ctx.formParam("password")).isPresent()) {
                ctx.redirect(safeNext(ctx.formParam("next")));
                return;
            }
        } catch (SignInLimits.Exceeded e) {
            long seconds = e.retryAfterSeconds();
            ctx.header("Retry-After", Long.toString(seconds));
            long minutes = (seconds + 59) / 60;
            ctx.status(429).html(pages.render("sign-in", model(ctx,
                    "Too many failed sign-ins: try again in " + minutes + (minutes == 1 ? " minute" : " minutes"), shown)));
            return;
        }
        ctx.status(401).html(pages.render("sign-in", model(ctx, "Enter a correct username and password", shown)));
    }

    void signOut(Context ctx) {
        access.signOut(ctx);
        ctx.redirect("/sign-in");
    }

    private Map<String, Object> model(Context ctx, String error, String username) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sign in");
        m.put("signInPage", true);
        m.put("error", error);
        m.put("username", username);
        m.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        m.put("csrf", access.signInCsrf(ctx));
        return m;
    }

    /**
     * Only a path on this site, never an open redirect: checked as given and once more URL-decoded,
     * since browsers drop tabs and line breaks ({@code /%09/evil.example} would become {@code //evil.example}).
     */
    static String safeNext(String next) {
        if (next == null) return "/";
        String given = next.strip();
        try {
            return sameSitePath(given) && sameSitePath(URLDecoder.decode(given, StandardCharsets.UTF_8).strip())
                    && hasNoAuthority(given) ? given : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    /** One "/" then a path character: not "//host" nor "/\host" (browsers read both as another site). */
    private static boolean sameSitePath(String p) {
        return p.length() >= 2 && p.charAt(0) == '/' && p.charAt(1) != '/' && p.charAt(1) != '\\'
                && p.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    }

    private static boolean hasNoAuthority(String p) {
        try {
            URI u = new URI(p);
            return u.getScheme() == null && u.getRawAuthority() == null && u.getHost() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
