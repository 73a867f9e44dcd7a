package io.attendance.api.schools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.contract.Publisher;
import io.attendance.schemas.School;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** PUT /api/v1/schools/{urn} and GET /api/v1/schools/{urn}. */
public final class SchoolsController {
    private final Publisher publisher;
    private final SchoolDirectory directory;
    private final ObjectMapper json;
    private final Duration visibleWithin;
    private final java.util.function.Predicate<String> knownPolicy;

    /** @param knownPolicy whether a policy id or family is loaded: a school naming another would crash-loop the case engine */
    public SchoolsController(Publisher publisher, SchoolDirectory directory, ObjectMapper json, Duration visibleWithin,
                             java.util.function.Predicate<String> knownPolicy) {
        this.publisher = publisher;
        this.knownPolicy = knownPolicy;
        this.directory = directory;
        this.json = json;
        this.visibleWithin = visibleWithin;
    }

    public void put(Context ctx) throws Exception {
        io.attendance.api.auth.Principal who = io.attendance.api.auth.Access.principal(ctx);
        io.attendance.api.auth.Access.require(ctx, who.mayAdminister(), "add or change schools");
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (Exception e) {
            throw new ApiError(400, "body is not valid JSON");
        }
        SchoolRequest.Parsed parsed = SchoolRequest.parse(ctx.pathParam("urn"), body);
        if (parsed instanceof SchoolRequest.Invalid invalid) {
            ctx.status(400).json(Map.of("errors", invalid.errors()));
            return;
        }
        School school = ((SchoolRequest.Valid) parsed).school();
        School existing = directory.school(school.getUrn());
        if (!who.sees(school.getUrn(), school) || (existing != null && !who.sees(existing.getUrn(), existing))) {
            throw new ApiError(403, "a " + who.describe() + " account may change only its own LA's schools");
        }
        if (!knownPolicy.test(school.getPolicy())) {
            ctx.status(400).json(Map.of("errors", java.util.List.of(new io.attendance.core.marks.FieldError("policy",
                    "'" + school.getPolicy() + "' is not a policy id or family this service has loaded (GET /api/v1/policies)"))));
            return;
        }
        // Each academic year's calendar is kept: sending this year's terms does not drop last year's.
        school = io.attendance.core.calendar.CalendarYears.merge(existing, school);
        publisher.publishSchool(school);
        awaitVisible(school);
        ctx.status(200).json(SchoolView.of(school));
    }

    public void get(Context ctx) {
        School s = directory.school(ctx.pathParam("urn"));
        io.attendance.api.auth.Principal who = io.attendance.api.auth.Access.principal(ctx);
        if (s == null || !who.reads(s.getUrn(), s)) throw new ApiError(404, "no school " + ctx.pathParam("urn"));
        ctx.json(SchoolView.of(s));
    }

    /** Read-your-writes: marks for the school are accepted as soon as PUT answers. */
    private void awaitVisible(School school) throws InterruptedException {
        long deadline = System.nanoTime() + visibleWithin.toNanos();
        while (!Objects.equals(directory.school(school.getUrn()), school)) {
            if (System.nanoTime() > deadline) {
                throw new ApiError(503, "school recorded but not yet visible to this instance; retry marks shortly");
            }
            Thread.sleep(20);
        }
    }
}
