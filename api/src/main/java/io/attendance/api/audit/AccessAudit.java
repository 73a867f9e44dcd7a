package io.attendance.api.audit;

import io.attendance.api.auth.Access;
import io.attendance.api.auth.Principal;
import io.attendance.api.query.InstanceRouter;
import io.attendance.schemas.AccessEvent;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who read which pupil's data. A controller or page names what it is reading ({@link #reading});
 * once the request has succeeded, the instance the caller asked writes one entry per pupil read to
 * {@code access-audit}. A request another instance forwarded here is not recorded again: the
 * instance the person asked records it, with its own name. A read whose entry cannot be written is
 * refused (503): nothing about a pupil is shown without a record of who saw it.
 */
public final class AccessAudit {
    private static final String READS = "attendance.audit.reads";
    private final Consumer<AccessEvent> sink;
    private final String instance;
    private final Clock clock;

    /** @param instance this instance as others reach it (host:port) */
    public AccessAudit(Consumer<AccessEvent> sink, String instance, Clock clock) {
        this.sink = sink;
        this.instance = instance;
        this.clock = clock;
    }

    /** A read of one pupil's data: {@code what} it is (pupil, case, letter...) and which one. */
    public record Read(String upn, String urn, String what, String resource) {
    }

    /** Notes that this request reads a pupil's data; recorded once the answer is a success. */
    public static void reading(Context ctx, String upn, String urn, String what, String resource) {
        List<Read> reads = ctx.attribute(READS);
        if (reads == null) {
            reads = new ArrayList<>();
            ctx.attribute(READS, reads);
        }
        reads.add(new Read(upn, urn, what, resource));
    }

    /** Who the log names: the account, or the LA's automation key and the person it acts for (X-Recorded-By). */
    public static String who(Context ctx) {
        Principal p = Access.principal(ctx);
        String onBehalf = ctx.header("X-Recorded-By");
        if (p != Principal.ADMIN || onBehalf == null || onBehalf.isBlank()
                || io.attendance.core.pupil.PlainText.problemWith(onBehalf).isPresent()) return p.name();
        return p.name() + " for " + onBehalf.trim();
    }

    /** After every request: the entries of a successful read, before its answer leaves. */
    public void after(Context ctx) {
        List<Read> reads = ctx.attribute(READS);
        if (reads == null || InstanceRouter.forwarded(ctx)) return;
        int status = ctx.statusCode();
        if (status < 200 || status >= 300) return;
        Principal who = Access.maybe(ctx).orElse(null);
        if (who == null) return;
        String via = Access.isPage(ctx.path()) ? "page" : "api";
        String name = who(ctx);
        try {
            for (Read r : reads) {
                sink.accept(AccessEvent.newBuilder().setUpn(r.upn()).setUrn(r.urn()).setWhat(r.what()).setResource(r.resource())
                        .setVia(via).setWho(name).setRole(who.role().configName()).setAt(clock.instant()).setInstance(instance).build());
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AccessAudit.class).error("access audit not written ({}): the read was refused",
                    e.getClass().getSimpleName());
            ctx.status(503).header("Retry-After", "1").contentType("application/json")
                    .result("{\"error\":\"the read could not be recorded in the access log: try again in a moment\"}");
        }
    }
}
