package io.attendance.api.live;

import io.attendance.api.auth.Access;
import io.attendance.api.auth.Principal;
import io.attendance.api.schools.SchoolDirectory;
import io.javalin.http.sse.SseClient;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * GET /live?pupil=|urn=|case=|la=1 (pupil and case by their references: URLs carry no UPN) (server-sent events): a {@code change} event whenever something
 * the page shows changes, at most one a second, and only for what the caller may see. The page
 * then fetches itself again; the event carries no pupil data.
 */
public final class LiveController {
    private static final long MIN_GAP_MS = 1000;
    private static final java.util.concurrent.ScheduledExecutorService TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "live-events");
                t.setDaemon(true);
                return t;
            });
    private final LiveFeed feed;
    private final SchoolDirectory schools;

    private final io.attendance.api.ids.OpaqueIds ids;

    public LiveController(LiveFeed feed, SchoolDirectory schools, io.attendance.api.ids.OpaqueIds ids) {
        this.feed = feed;
        this.schools = schools;
        this.ids = ids;
    }

    public void subscribe(SseClient client) {
        Principal who = Access.principal(client.ctx());
        String pupil = client.ctx().queryParam("pupil"), kase = client.ctx().queryParam("case");
        // a reference nobody issued follows nothing (never everything)
        String upn = pupil == null ? null : ids.id(io.attendance.api.ids.OpaqueIds.Kind.PUPIL, pupil).orElse("");
        String urn = client.ctx().queryParam("urn");
        String caseId = kase == null ? null : ids.id(io.attendance.api.ids.OpaqueIds.Kind.CASE, kase).orElse("");
        AtomicLong last = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable send = () -> {
            scheduled.set(false);
            last.set(System.currentTimeMillis());
            if (!client.terminated()) client.sendEvent("change", "{\"at\": \"" + Instant.now() + "\"}");
        };
        Consumer<LiveFeed.Change> listener = c -> {
            if (upn != null && !upn.equals(c.upn())) return;
            if (urn != null && !urn.equals(c.urn())) return;
            if (caseId != null && !caseId.equals(c.caseId())) return;
            if (!who.reads(c.urn(), schools.school(c.urn()))) return;
            // At most one event a second, and never a change left unsent: the last one is sent after the gap.
            if (!scheduled.compareAndSet(false, true)) return;
            long wait = Math.max(0, last.get() + MIN_GAP_MS - System.currentTimeMillis());
            TIMER.schedule(send, wait, java.util.concurrent.TimeUnit.MILLISECONDS);
        };
        feed.listen(listener);
        client.onClose(() -> feed.unlisten(listener));
        client.sendComment("listening");
        client.keepAlive();
    }
}
