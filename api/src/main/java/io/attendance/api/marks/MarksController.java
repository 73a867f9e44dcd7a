package io.attendance.api.marks;

import java.util.List;

import io.attendance.contract.Publisher;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** POST /api/v1/marks: a JSON array or a CSV of register marks. */
public final class MarksController {
    private final MarkIngest ingest;
    private final Publisher publisher;
    private final Counter accepted;
    private final Counter rejected;
    private final io.attendance.api.auth.Access access;

    public MarksController(MarkIngest ingest, Publisher publisher, MeterRegistry metrics, io.attendance.api.auth.Access access) {
        this.access = access;
        this.ingest = ingest;
        this.publisher = publisher;
        this.accepted = Counter.builder("attendance.marks.accepted").description("Marks accepted by the API").register(metrics);
        this.rejected = Counter.builder("attendance.marks.rejected").description("Rows rejected by the API").register(metrics);
    }

    public void post(Context ctx) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        io.attendance.api.auth.Principal who = io.attendance.api.auth.Access.principal(ctx);
        io.attendance.api.auth.Access.require(ctx, who.mayPostMarks(), "post marks");
        // A row for a school outside the caller's scope is refused by row, like any other bad row.
        java.util.function.Function<String, java.util.Optional<String>> scope = urn -> access.mayPostFor(who, urn)
                ? java.util.Optional.empty() : java.util.Optional.of("a " + who.describe() + " account may not post marks for school " + urn);
        IngestResult result = type.startsWith("text/csv")
                ? ingest.fromCsv(ctx.body(), now, "csv:" + who.name(), scope)
                : ingest.fromJson(ctx.body(), now, "api:" + who.name(), scope);
        if (!result.accepted().isEmpty()) publisher.publishMarks(result.accepted());
        accepted.increment(result.accepted().size());
        rejected.increment(result.rejected().stream().map(RowError::row).distinct().count());
        ctx.status(result.accepted().isEmpty() ? 400 : 202).json(new Answer(result.accepted().size(), result.acceptedRows(), result.rejected()));
    }

    /** 202 (or 400 when no row was good): how many marks were accepted, their rows, and each bad row's field and reason. */
    public record Answer(int accepted, List<Integer> publishedRows, List<RowError> rejected) {
    }
}
