package io.attendance.api.auth;

import io.attendance.api.ApiError;
import io.attendance.api.schools.SchoolDirectory;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, checked before every request: an API key ({@code Authorization: Bearer}) or a
 * signed session cookie. Without either, the API answers 401 and a page sends the browser to sign
 * in. A request made with the session cookie that changes something must carry the session's CSRF
 * token (form field {@code _csrf} or header {@code X-CSRF-Token}); key callers are not browsers.
 * The sign-in form has its own CSRF token, checked against a short-lived pre-session cookie.
 */
public final class Access {
    private static final Logger log = LoggerFactory.getLogger(Access.class);
    public static final String COOKIE = "attendance_session";
    /** The sign-in form's pre-session cookie (its CSRF token is derived from it). */
    public static final String SIGN_IN_COOKIE = "attendance_signin";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "principal";
    private static final String SESSION = "session";
    /** Open without credentials: liveness, sign-in and static files. /metrics needs a key (it names schools and volumes). */
    private static final List<String> OPEN = List.of("/health", "/health/live", "/health/ready", "/openapi.json", "/api/docs", "/sign-in", "/webjars/", "/assets/", "/favicon.ico");

    private final Accounts accounts;
    private final SessionTokens sessions;
    private final SchoolDirectory schools;
    private final boolean secureCookies;
    private final Clock clock;
    private final SignInLimits limits;

    public Access(Accounts accounts, SessionTokens sessions, SchoolDirectory schools, boolean secureCookies, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.schools = schools;
        this.secureCookies = secureCookies;
        this.clock = clock;
        this.limits = SignInLimits.standard(clock);
        accounts.dummyHash(); // now, not during the first unknown name's sign-in (which would then take twice as long)
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
            who = sessions.verify(token, clock.instant()).flatMap(this::holder);
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

    /** The session's account, unless its password has changed since the session was signed in. */
    private Optional<Principal> holder(SessionTokens.Session s) {
        return accounts.account(s.username()).filter(u -> sessions.current(s, u.passwordHash())).map(Accounts.User::principal);
    }

    /**
     * Signs a person in: a fresh session cookie (HTTP-only, SameSite=Strict, Secure unless configured off).
     * Each failure is logged (never the password) and counted against the account and the address.
     *
     * @throws SignInLimits.Exceeded when either has failed too often lately; the password is not checked
     */
    public Optional<Principal> signIn(Context ctx, String username, String password) {
        String name = username == null ? "" : username.trim();
        SignInLimits.Attempt attempt;
        try {
            attempt = limits.attempt(name, ctx.ip());
        } catch (SignInLimits.Exceeded e) {
            log.warn("sign-in refused unchecked for '{}' from {}: too many failures", printable(name), ctx.ip());
            throw e;
        }
        Optional<Accounts.User> who = accounts.signIn(name, password);
        if (who.isEmpty()) {
            log.warn("sign-in failed for '{}' from {}", printable(name), ctx.ip());
            return Optional.empty();
        }
        limits.succeeded(attempt);
        String token = sessions.issue(name, who.get().passwordHash(), clock.instant());
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) sessions.lifetime().toSeconds(), secureCookies, true, null, SameSite.STRICT));
        ctx.cookie(new Cookie(SIGN_IN_COOKIE, "", "/sign-in", 0, secureCookies, true, null, SameSite.STRICT));
        ctx.attribute(SESSION, token);
        return Optional.of(who.get().principal());
    }

    /** A username as typed may hold anything: no line breaks or control characters reach the log. */
    private static String printable(String name) {
        String n = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return n.replaceAll("\\p{Cntrl}", "?");
    }

    /** Ends the session on every instance (not just in this browser) and clears its cookie. */
    public void signOut(Context ctx) {
        sessions.verify(ctx.cookie(COOKIE), clock.instant()).ifPresent(sessions::revoke);
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookies, true, null, SameSite.STRICT));
    }

    /** The sign-in form's CSRF token, (re)setting the pre-session cookie it is checked against. */
    public String signInCsrf(Context ctx) {
        String nonce = ctx.cookie(SIGN_IN_COOKIE);
        // Kept if the browser has one, so a sign-in page open in another tab still works.
        if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{16}")) nonce = sessions.nonce();
        ctx.cookie(new Cookie(SIGN_IN_COOKIE, nonce, "/sign-in", 3600, secureCookies, true, null, SameSite.STRICT));
        return sessions.signInCsrfFor(nonce);
    }

    public boolean signInCsrfMatches(Context ctx) {
        return sessions.signInCsrfMatches(ctx.cookie(SIGN_IN_COOKIE), ctx.formParam(CSRF_FIELD));
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new ApiError(401, "not signed in");
        return p;
    }

    /**
     * The audit trail names the caller; only the LA's automation key (ATTENDANCE_ADMIN_KEY, not an
     * account that happens to have the admin role) may record on someone's behalf (X-Recorded-By).
     */
    public static String recordedBy(Context ctx) {
        Principal p = principal(ctx);
        String onBehalf = ctx.header("X-Recorded-By");
        if (p != Principal.ADMIN || onBehalf == null || onBehalf.isBlank()) return p == Principal.ADMIN ? "api" : p.name();
        io.attendance.core.pupil.PlainText.problemWith(onBehalf).ifPresent(why -> {
            throw new io.attendance.api.ApiError(400, "X-Recorded-By: " + why);
        });
        return onBehalf.trim();
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
