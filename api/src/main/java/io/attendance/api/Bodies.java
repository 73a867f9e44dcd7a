package io.attendance.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;

import java.time.LocalDate;

/**
 * Request bodies read into typed records by Jackson; a body that is not JSON, not an object, or has
 * a field of the wrong kind is refused with 400 naming the field (never echoing more than the value
 * the caller sent for it).
 */
public final class Bodies {
    private Bodies() {
    }

    public static <T> T read(Context ctx, ObjectMapper json, Class<T> type) {
        JsonNode body = object(ctx, json);
        try {
            return json.treeToValue(body, type);
        } catch (InvalidFormatException e) {
            String field = field(e);
            if (e.getTargetType() == LocalDate.class) throw new ApiError(400, field + ": '" + e.getValue() + "' is not a date (yyyy-mm-dd)");
            throw new ApiError(400, field + ": '" + e.getValue() + "' is not a " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            throw new ApiError(400, field(e) + ": must be a single value");
        } catch (JsonMappingException e) {
            throw new ApiError(400, field(e) + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "body is not valid JSON");
        }
    }

    /** The body as a JSON object (an empty body reads as {}). */
    public static JsonNode object(Context ctx, ObjectMapper json) {
        JsonNode n;
        try {
            n = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        } catch (Exception e) {
            throw new ApiError(400, "body is not valid JSON");
        }
        if (n == null || !n.isObject()) throw new ApiError(400, "body must be a JSON object");
        return n;
    }

    /** A date field's value (null when absent), or 400 naming the field. */
    public static LocalDate date(String field, String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, field + ": '" + value + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static String field(JsonMappingException e) {
        return e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
    }
}
