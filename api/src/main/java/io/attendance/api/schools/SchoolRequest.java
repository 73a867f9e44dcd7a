package io.attendance.api.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.schemas.School;
import io.attendance.schemas.Term;
import io.attendance.core.marks.FieldError;
import io.attendance.core.marks.MarkRules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A school as sent to {@code PUT /api/v1/schools/{urn}} or listed in a config file:
 * {@code {"name","la","policy","expectedAttendancePct","terms":[{"start","end"}],"closures":[...],"opensOn":[...]}}
 * ({@code opensOn}: England's bank holidays the school opens on; every other bank holiday is closed).
 */
public final class SchoolRequest {
    private SchoolRequest() {
    }

    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(School school) implements Parsed {
    }

    public record Invalid(List<FieldError> errors) implements Parsed {
    }

    public static Parsed parse(String urn, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!MarkRules.isUrn(urn)) errors.add(new FieldError("urn", "URN must be six digits"));
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "expected a JSON object"));
            return new Invalid(errors);
        }
        String name = text(body, "name", errors);
        String la = text(body, "la", errors);
        String policy = text(body, "policy", errors);
        double expected = 0;
        JsonNode e = body.get("expectedAttendancePct");
        if (e == null || !e.isNumber()) {
            errors.add(new FieldError("expectedAttendancePct", "a number between 0 and 100 is required"));
        } else {
            expected = e.asDouble();
            if (expected <= 0 || expected > 100) errors.add(new FieldError("expectedAttendancePct", "must be above 0 and at most 100"));
        }
        List<Term> terms = new ArrayList<>();
        JsonNode t = body.get("terms");
        if (t == null || !t.isArray() || t.isEmpty()) {
            errors.add(new FieldError("terms", "at least one term {\"start\",\"end\"} is required"));
        } else {
            for (int i = 0; i < t.size(); i++) {
                LocalDate start = date(t.get(i).get("start"), "terms[" + i + "].start", errors);
                LocalDate end = date(t.get(i).get("end"), "terms[" + i + "].end", errors);
                if (start != null && end != null) {
                    if (end.isBefore(start)) errors.add(new FieldError("terms[" + i + "]", "end is before start"));
                    else terms.add(new Term(start, end));
                }
            }
        }
        List<LocalDate> closures = new ArrayList<>();
        JsonNode c = body.get("closures");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) errors.add(new FieldError("closures", "expected an array of yyyy-mm-dd dates"));
            else for (int i = 0; i < c.size(); i++) {
                LocalDate d = date(c.get(i), "closures[" + i + "]", errors);
                if (d != null) closures.add(d);
            }
        }
        List<LocalDate> opensOn = new ArrayList<>();
        JsonNode o = body.get("opensOn");
        if (o != null && !o.isNull()) {
            if (!o.isArray()) errors.add(new FieldError("opensOn", "expected an array of yyyy-mm-dd dates (bank holidays the school opens on)"));
            else for (int i = 0; i < o.size(); i++) {
                LocalDate d = date(o.get(i), "opensOn[" + i + "]", errors);
                if (d == null) continue;
                if (!io.attendance.core.calendar.WorkingDays.england().bankHolidays().contains(d)) {
                    errors.add(new FieldError("opensOn[" + i + "]", d + " is not a bank holiday in England (list only bank holidays the school opens on)"));
                } else opensOn.add(d);
            }
        }
        if (!errors.isEmpty()) return new Invalid(errors);
        return new Valid(School.newBuilder().setUrn(urn).setName(name).setLa(la).setPolicy(policy)
                .setExpectedAttendancePct(expected).setTerms(terms).setClosures(closures).setOpensOn(opensOn).build());
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            errors.add(new FieldError(field, field + " is required"));
            return null;
        }
        var notText = io.attendance.core.pupil.PlainText.problemWith(v.asText());
        if (notText.isPresent()) {
            errors.add(new FieldError(field, field + " " + notText.get()));
            return null;
        }
        return v.asText().trim();
    }

    private static LocalDate date(JsonNode v, String field, List<FieldError> errors) {
        if (v == null || !v.isTextual()) {
            errors.add(new FieldError(field, "a yyyy-mm-dd date is required"));
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + v.asText() + "' is not a yyyy-mm-dd date"));
            return null;
        }
    }
}
