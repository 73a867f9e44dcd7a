package io.attendance.api.pages;

import io.attendance.api.auth.Access;
import io.javalin.http.Context;

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
        if (access.signIn(ctx, username, ctx.formParam("password")).isPresent()) {
            ctx.redirect(safeNext(ctx.formParam("next")));
            return;
        }
        ctx.status(401).html(pages.render("sign-in", model(ctx, "Enter a correct username and password", username == null ? "" : username)));
    }

    void signOut(Context ctx) {
        access.signOut(ctx);
        ctx.redirect("/sign-in");
    }

    private static Map<String, Object> model(Context ctx, String error, String username) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sign in");
        m.put("signInPage", true);
        m.put("error", error);
        m.put("username", username);
        m.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        return m;
    }

    /** Only a path on this site: never an open redirect to somewhere else. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
