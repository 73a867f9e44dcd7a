package io.attendance.api;

import io.attendance.contract.Publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.cases.CaseService;
import io.attendance.api.cases.CasesController;
import io.attendance.api.marks.MarkIngest;
import io.attendance.api.policies.PoliciesController;
import io.attendance.api.marks.MarksController;
import io.attendance.api.ops.HealthController;
import io.attendance.api.pupils.PupilService;
import io.attendance.api.pupils.PupilsController;
import io.attendance.api.query.InstanceRouter;
import io.attendance.contract.query.NotReadyException;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.api.schools.SchoolsController;
import io.attendance.core.marks.MarkRules;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.attendance.contract.query.AttendanceQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The HTTP face of one instance: thin controllers over plain services, wired here. */
public final class ApiServer {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private ApiServer() {
    }

    /** @param metrics the registry {@code /metrics} serves: the caller binds the streams app's own metrics to it */
    public static Javalin create(AttendanceQueries queries, Publisher publisher, ApiSettings settings,
                                 PrometheusMeterRegistry metrics) {
        ObjectMapper json = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        SchoolDirectory schools = new SchoolDirectory(queries);
        MarkIngest ingest = new MarkIngest(new MarkRules(settings.topology().codes()), schools::calendar, json);
        ApiSettings.Security security = settings.security();
        // Answers carry references, not case or letter ids (which hold the UPN): see OpaqueIds and RefJson.
        io.attendance.api.ids.OpaqueIds ids = new io.attendance.api.ids.OpaqueIds(security.sessions().derive("opaque ids"));
        json.setDefaultAttributes(com.fasterxml.jackson.databind.cfg.ContextAttributes.getEmpty()
                .withSharedAttribute(io.attendance.api.ids.OpaqueIds.class, ids));
        InstanceRouter router = new InstanceRouter(queries, json, ids, security.sessions().derive("forwarding"));
        io.attendance.api.auth.Access access = new io.attendance.api.auth.Access(security.accounts(), security.sessions(), schools,
                security.secureCookies(), java.time.Clock.systemUTC());
        MarksController marks = new MarksController(ingest, publisher, metrics, access);
        SchoolsController schoolsController = new SchoolsController(publisher, schools, json, settings.schoolVisibleWithin(),
                settings.topology().policies()::knows);
        PupilService pupilService = new PupilService(router, queries, schools, settings.topology());
        PupilsController pupils = new PupilsController(pupilService, access);
        HealthController health = new HealthController(queries, metrics);
        CaseService caseService = new CaseService(router, queries, pupilService, schools, settings.topology(), publisher,
                settings.schoolVisibleWithin());
        CasesController cases = new CasesController(caseService, router, json, access);
        io.attendance.api.letters.LettersController letters = new io.attendance.api.letters.LettersController(caseService, router, access);
        io.attendance.api.courtpack.CourtPackController courtPacks = new io.attendance.api.courtpack.CourtPackController(
                new io.attendance.api.courtpack.CourtPackService(queries, schools, settings.topology(), caseService), router, access);
        io.attendance.api.schools.SchoolSummaries summaries = new io.attendance.api.schools.SchoolSummaries(queries, router, schools);
        io.attendance.api.schools.OverviewController overview = new io.attendance.api.schools.OverviewController(summaries, access);
        io.attendance.api.pages.Dashboard dashboard = new io.attendance.api.pages.Dashboard(access,
                new io.attendance.api.pages.Services(pupilService, caseService, summaries, schools,
                        new io.attendance.api.ids.Links(ids)));
        ApiSettings.Live live = settings.live();
        io.attendance.api.live.LiveFeed feed = live == null ? null : new io.attendance.api.live.LiveFeed(live.kafka(),
                live.pupilChanges(), live.caseEvents(), live.events());
        io.attendance.api.contacts.ContactsController contacts = new io.attendance.api.contacts.ContactsController(publisher, json,
                pupilService.scope(access));
        io.attendance.api.pupils.RollController roll = new io.attendance.api.pupils.RollController(queries, router, schools, publisher, json);
        PoliciesController policies = new PoliciesController(settings.topology().policies());
        io.attendance.api.audit.AccessLogController accessLog = new io.attendance.api.audit.AccessLogController(queries, router, access);
        io.attendance.api.export.ExportController export = new io.attendance.api.export.ExportController(
                new io.attendance.api.export.SubjectAccessExport(queries, pupilService, caseService, accessLog, json), router, access,
                java.time.Clock.systemUTC());
        io.attendance.api.erasure.ErasureController erasure = new io.attendance.api.erasure.ErasureController(queries, router, access, publisher,
                json, java.time.Clock.systemUTC());
        io.attendance.api.audit.AccessAudit audit = new io.attendance.api.audit.AccessAudit(publisher::publishAccess,
                settings.self().host() + ":" + settings.self().port(), java.time.Clock.systemUTC());

        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.startup.showJavalinBanner = false;
            io.attendance.api.ops.RequestTimer timer = new io.attendance.api.ops.RequestTimer(metrics);
            io.attendance.api.ops.RequestLog requestLog = new io.attendance.api.ops.RequestLog();
            config.requestLogger.http((ctx, ms) -> {
                timer.handle(ctx, ms);
                requestLog.handle(ctx, ms);
            });
            config.contextResolver.ip = ctx -> security.clients().of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
            config.routes.before(router::verify); // first: whether another instance forwarded this request
            config.routes.before(SecurityHeaders::before);
            config.routes.before(access::before);
            config.routes.after(SecurityHeaders::after);
            config.routes.after(audit::after);
            dashboard.install(config);
            if (feed != null) {
                io.attendance.api.live.LiveController liveController = new io.attendance.api.live.LiveController(feed, schools, ids);
                config.routes.sse("/live", liveController::subscribe);
                config.events.serverStarted(feed::start);
                config.events.serverStopping(feed::close);
            }
            config.routes.get("/api/v1/schools", overview::list);
            config.routes.get("/api/v1/tasks", cases::tasks);
            config.routes.get("/api/v1/pupils/{upn}/register", pupils::register);
            config.routes.post("/api/v1/marks", marks::post);
            config.routes.put("/api/v1/schools/{urn}", schoolsController::put);
            config.routes.get("/api/v1/schools/{urn}", schoolsController::get);
            config.routes.get("/api/v1/schools/{urn}/pupils", pupils::schoolPupils);
            config.routes.get("/api/v1/pupils/{upn}", pupils::pupil);
            config.routes.post("/api/v1/pupils/{upn}/cases", cases::open);
            config.routes.put("/api/v1/pupils/{upn}/contacts", contacts::put);
            config.routes.delete("/api/v1/pupils/{upn}/contacts", contacts::delete);
            config.routes.post("/api/v1/pupils/{upn}/roll", roll::post);
            config.routes.get("/api/v1/pupils/{upn}/access-log", accessLog::get);
            config.routes.get("/api/v1/pupils/{upn}/export", export::get);
            config.routes.post("/api/v1/pupils/{upn}/erasure", erasure::post);
            config.routes.get("/api/v1/letters/{file}", letters::pdf);
            config.routes.get("/api/v1/cases", cases::list);
            config.routes.get("/api/v1/cases/{id}", cases::get);
            config.routes.get("/api/v1/cases/{id}/court-pack.pdf", courtPacks::pdf);
            config.routes.get("/api/v1/cases/{id}/herringbone.csv", courtPacks::csv);
            config.routes.post("/api/v1/cases/{id}/actions", cases::act);
            config.routes.get("/api/v1/policies", policies::list);
            config.routes.get("/api/v1/policies/{id}", policies::get);
            config.routes.get("/health", health::health);
            io.attendance.api.ops.OpenApiController openApi = new io.attendance.api.ops.OpenApiController();
            config.routes.get("/openapi.json", openApi::json);
            config.routes.get("/api/docs", openApi::docs);
            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            config.routes.get("/metrics", health::metrics);
            config.routes.exception(ActionRefused.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            config.routes.exception(ApiError.class, (e, ctx) -> {
                if (io.attendance.api.pages.Dashboard.handles(ctx)) dashboard.error(ctx, e.status(), e.getMessage());
                else ctx.status(e.status()).json(Map.of("error", e.getMessage()));
            });
            config.routes.exception(NotReadyException.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                if (io.attendance.api.pages.Dashboard.handles(ctx)) dashboard.error(ctx, 503, "The service is starting or rebalancing: try again in a moment.");
                else ctx.status(503).json(Map.of("error", e.getMessage()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unhandled error on {} {}", ctx.method(), ctx.endpoint().path, e);
                ctx.status(500).json(Map.of("error", "internal error"));
            });
        });
    }
}
