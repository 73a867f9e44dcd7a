package io.attendance.api.auth;

import io.attendance.api.ApiError;
import io.attendance.api.schools.SchoolDirectory;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, checked before every request: an API key ({@code Authorization: Bearer}) or a
 * signed session cookie. Without either, the API answers 401 and a page sends the browser to sign
 * in. A request made with the session cookie that changes something must carry the session's CSRF
 * token (form field {@code _csrf} or header {@code X-CSRF-Token}); key callers are not browsers.
 */
public final class Access {
    public static final String COOKIE = "attendance_session";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "principal";
    private static final String SESSION = "session";
    /** Open without credentials: liveness, sign-in and static files. /metrics needs a key (it names schools and volumes). */
    private static final List<String> OPEN = List.of("/health", "/sign-in", "/webjars/", "/assets/", "/favicon.ico");

    private final Accounts accounts;
    private final SessionTokens sessions;
    private final SchoolDirectory schools;
    private final boolean secureCookies;
    private final Clock clock;

    public Access(Accounts accounts, SessionTokens sessions, SchoolDirectory schools, boolean secureCookies, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.schools = schools;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    public SessionTokens sessions() {
        return sessions;
    }

    public Accounts accounts() {
        return accounts;
    }

    public void before(Context ctx) {
        String path = ctx.path();
        if (OPEN.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p))) return;
        Optional<Principal> who = Optional.empty();
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            who = accounts.byKey(auth.substring(7));
            if (who.isEmpty()) throw new ApiError(401, "that API key is not known");
        } else {
            String token = ctx.cookie(COOKIE);
            Optional<String> user = sessions.verify(token, clock.instant());
            who = user.flatMap(accounts::user);
            if (who.isPresent()) {
                ctx.attribute(SESSION, token);
                if (changes(ctx) && !sessions.csrfMatches(token, csrfGiven(ctx))) {
                    throw new ApiError(403, "the form's security token is missing or stale: reload the page and try again");
                }
            }
        }
        if (who.isEmpty()) {
            if (isPage(path) && ctx.method().name().equals("GET")) {
                ctx.redirect("/sign-in?next=" + java.net.URLEncoder.encode(path + (ctx.queryString() == null ? "" : "?" + ctx.queryString()),
                        java.nio.charset.StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
                return;
            }
            ctx.header("WWW-Authenticate", "Bearer realm=\"attendance\"");
            throw new ApiError(401, "sign in, or send an API key as 'Authorization: Bearer <key>'");
        }
        ctx.attribute(PRINCIPAL, who.get());
        if (who.get().role() == Role.MIS && !(path.equals("/api/v1/marks") && ctx.method().name().equals("POST"))) {
            throw new ApiError(403, "an MIS key may only post marks for its own school");
        }
    }

    private static boolean changes(Context ctx) {
        String m = ctx.method().name();
        return !m.equals("GET") && !m.equals("HEAD") && !m.equals("OPTIONS");
    }

    private static String csrfGiven(Context ctx) {
        String h = ctx.header(CSRF_HEADER);
        if (h != null) return h;
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded") ? ctx.formParam(CSRF_FIELD) : null;
    }

    public static boolean isPage(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/live") && !path.equals("/metrics");
    }

    /** Signs a person in: a fresh session cookie (HTTP-only, SameSite=Strict, Secure unless configured off). */
    public Optional<Principal> signIn(Context ctx, String username, String password) {
        Optional<Principal> who = accounts.signIn(username, password);
        who.ifPresent(p -> {
            String token = sessions.issue(username.trim(), clock.instant());
            Cookie c = new Cookie(COOKIE, token, "/", (int) sessions.lifetime().toSeconds(), secureCookies, true, null, SameSite.STRICT);
            ctx.cookie(c);
            ctx.attribute(SESSION, token);
        });
        return who;
    }

    public void signOut(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookies, true, null, SameSite.STRICT));
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new ApiError(401, "not signed in");
        return p;
    }

    /** The audit trail names the caller; only the LA's automation key may record on someone's behalf (X-Recorded-By). */
    public static String recordedBy(Context ctx) {
        Principal p = principal(ctx);
        String onBehalf = ctx.header("X-Recorded-By");
        if (p.role() == Role.ADMIN) return onBehalf == null || onBehalf.isBlank() ? "api" : onBehalf;
        return p.name();
    }

    public static Optional<Principal> maybe(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    /** The CSRF token for this request's session, for forms (null for key callers). */
    public String csrf(Context ctx) {
        String token = ctx.attribute(SESSION);
        return token == null ? null : sessions.csrfFor(token);
    }

    /** The session cookie and CSRF token, for a page that asks this instance's own API on the caller's behalf. */
    public static Map<String, String> asCaller(Context ctx, Access access) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        String token = ctx.attribute(SESSION);
        if (token != null) {
            h.put("Cookie", COOKIE + "=" + token);
            h.put(CSRF_HEADER, access.sessions.csrfFor(token));
        }
        String auth = ctx.header("Authorization");
        if (auth != null) h.put("Authorization", auth);
        return h;
    }

    // ---- scope checks, used by the controllers ----------------------------------------------

    /** 404 (not 403) for a school out of scope: the caller does not learn that it exists. */
    public void requireSchool(Context ctx, String urn) {
        if (!sees(ctx, urn)) throw new ApiError(404, "no school " + urn + " in your scope");
    }

    public boolean sees(Context ctx, String urn) {
        return principal(ctx).reads(urn, schools.school(urn));
    }

    public boolean mayPostFor(Principal p, String urn) {
        return p.mayPostMarks() && p.sees(urn, schools.school(urn));
    }

    public static void require(Context ctx, boolean allowed, String what) {
        if (!allowed) throw new ApiError(403, "a " + principal(ctx).describe() + " account may not " + what);
    }
}
