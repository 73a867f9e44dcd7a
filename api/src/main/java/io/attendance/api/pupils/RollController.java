package io.attendance.api.pupils;

import io.attendance.contract.query.AttendanceQueries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.contract.Publisher;
import io.attendance.api.auth.Access;
import io.attendance.api.auth.Principal;
import io.attendance.api.query.InstanceRouter;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollChange;
import io.attendance.schemas.School;
import io.attendance.core.pupil.Roll;
import io.attendance.core.pupil.Upn;
import io.attendance.core.marks.MarkRules;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.util.UUID;

/**
 * POST /api/v1/pupils/{upn}/roll {"change": "move"|"dual"|"end-dual", "urn", "date"}: the LA
 * confirms where a pupil is on roll. Only the LA (an officer, or its automation) may, and only
 * between schools it sees: a school's own key or login cannot take a pupil from another school.
 * Answers 202 once the change is on its way; the pupil's {@code roll} shows it when applied.
 */
public final class RollController {
    private final AttendanceQueries queries;
    private final InstanceRouter router;
    private final SchoolDirectory schools;
    private final Publisher publisher;
    private final ObjectMapper json;

    public RollController(AttendanceQueries queries, InstanceRouter router, SchoolDirectory schools, Publisher publisher, ObjectMapper json) {
        this.queries = queries;
        this.router = router;
        this.schools = schools;
        this.publisher = publisher;
        this.json = json;
    }

    public void post(Context ctx) {
        Principal who = Access.principal(ctx);
        Access.require(ctx, who.mayAdminister(), "change where a pupil is on roll (the LA confirms moves)");
        String upn = ctx.pathParam("upn");
        Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, "upn: " + p);
        });
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (router.relayed(ctx, owner)) return;
        // The LA that holds the pupil's main school decides where they are on roll (a dual school's LA does not).
        PupilAttendance pupil = queries.pupil(upn, owner.partition())
                .filter(p -> who.sees(p.getUrn(), schools.school(p.getUrn())))
                .orElseThrow(() -> new ApiError(404, "no marks recorded for that pupil in your scope"));
        JsonNode body = body(ctx);
        String change = text(body, "change");
        if (change == null || !Roll.CHANGES.contains(change)) throw new ApiError(400, "change: one of " + String.join(", ", Roll.CHANGES));
        String urn = text(body, "urn");
        if (urn == null || !MarkRules.isUrn(urn)) throw new ApiError(400, "urn: six digits");
        School school = schools.school(urn);
        if (school == null || !who.sees(urn, school)) throw new ApiError(400, "urn: no school " + urn + " in your scope");
        LocalDate date = io.attendance.api.Bodies.date("date", text(body, "date"));
        if (date == null) throw new ApiError(400, "date: is required (yyyy-mm-dd)");
        Roll.refusal(pupil, change, urn, date).ifPresent(why -> {
            throw new ApiError(409, change + ": " + why);
        });
        RollChange c = new RollChange(UUID.randomUUID().toString(), upn, urn, change, date, who.name());
        publisher.publishRollChange(c);
        ctx.status(202).json(new Recorded(upn, change, urn, date.toString(), who.name()));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            if (n == null || !n.isObject()) throw new ApiError(400, "body: must be a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "body: not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText().trim();
    }

    /** 202: the change on its way; the pupil's roll shows it once applied. */
    public record Recorded(String upn, String change, String urn, String date, String recordedBy) {
    }
}
