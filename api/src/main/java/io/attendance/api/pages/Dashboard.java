package io.attendance.api.pages;

import io.attendance.api.auth.Access;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.util.HashMap;
import java.util.Map;

/**
 * The LA dashboard: server-rendered pages over the API's own services, styled with the GOV.UK
 * Design System (govuk-frontend from its WebJar), with live updates by server-sent events.
 */
public final class Dashboard {
    private final PageRenderer pages = new PageRenderer();
    private final SignInController signIn;
    private final PagesController views;
    private final CasePage casePage;
    private final Access access;

    public Dashboard(Access access, Services services) {
        this.access = access;
        this.signIn = new SignInController(access, pages);
        this.views = new PagesController(services, pages, access);
        this.casePage = new CasePage(services, pages, access);
    }

    public void install(JavalinConfig config) {
        config.staticFiles.enableWebjars(); // govuk-frontend at /webjars/govuk-frontend/<version>/dist/govuk/
        config.staticFiles.add(s -> {
            s.hostedPath = "/assets/app";
            s.directory = "static";
            s.location = Location.CLASSPATH;
        });
        config.routes.get("/sign-in", signIn::form);
        config.routes.post("/sign-in", signIn::signIn);
        config.routes.post("/sign-out", signIn::signOut);
        config.routes.get("/", views::overview);
        config.routes.get("/schools/{urn}", views::school);
        config.routes.get("/pupils/{ref}", views::pupil);
        config.routes.get("/cases/{id}", casePage::show);
        config.routes.post("/cases/{id}/actions", casePage::act);
        config.routes.get("/tasks", views::tasks);
    }

    /** A page's error as a page (the API's errors stay JSON). */
    public void error(Context ctx, int status, String message) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", status == 404 ? "Page not found" : status == 403 ? "You cannot do that" : "Sorry, there is a problem");
        m.put("status", status);
        m.put("message", message);
        Access.maybe(ctx).ifPresent(p -> {
            m.put("who", p.name());
            m.put("whoRole", p.describe());
            m.put("csrf", access.csrf(ctx));
        });
        ctx.status(status).html(pages.render("error", m));
    }

    public static boolean handles(Context ctx) {
        return Access.isPage(ctx.path()) && !ctx.path().startsWith("/health") && !ctx.path().equals("/metrics");
    }
}
