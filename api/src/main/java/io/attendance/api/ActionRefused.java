package io.attendance.api;

import java.util.List;

/**
 * An action on a case that cannot be recorded: 409 when it is not allowed now, 400 when a field is
 * wrong ({@code field} names it); either way with the actions the case allows now.
 */
public final class ActionRefused extends ApiError {
    private final String field;
    private final List<String> allowed;

    public ActionRefused(int status, String field, String message, List<String> allowed) {
        super(status, message);
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }

    /** The answer's body: the reason, the field when one is at fault, the actions allowed now. */
    public Body body() {
        return new Body(getMessage(), field, allowed);
    }

    public record Body(String error, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String field,
                       List<String> allowedActions) {
    }
}
