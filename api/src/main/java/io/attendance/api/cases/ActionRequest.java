package io.attendance.api.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.api.ApiError;
import io.attendance.core.pupil.PlainText;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/v1/cases/{id}/actions: {@code {"action": "...", "date": "yyyy-mm-dd", ...the action's fields}}.
 * The fields are the policy's own (a meeting date, an outcome), so they stay a map of names to values.
 */
public record ActionRequest(String action, LocalDate date, Map<String, String> fields) {
    public ActionRequest {
        fields = Map.copyOf(fields);
    }

    /** Read from the body: the action and date by name, every other member a field (one value each, plain text). */
    static ActionRequest from(JsonNode body) {
        String action = text(body, "action");
        if (action == null) throw new ApiError(400, "action: is required");
        LocalDate date = io.attendance.api.Bodies.date("date", text(body, "date"));
        if (date == null) throw new ApiError(400, "date: is required (yyyy-mm-dd)");
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            if (e.getKey().equals("action") || e.getKey().equals("date")) return;
            if (!e.getValue().isValueNode()) throw new ApiError(400, e.getKey() + ": must be a single value");
            PlainText.problemWith(e.getValue().asText()).ifPresent(why -> {
                throw new ApiError(400, e.getKey() + ": " + why);
            });
            fields.put(e.getKey(), e.getValue().asText());
        });
        return new ActionRequest(action, date, fields);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** As the API reads it: the action, the date, then each field at the top level. */
    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("date", date == null ? null : date.toString());
        m.putAll(new java.util.TreeMap<>(fields));
        return m;
    }
}
