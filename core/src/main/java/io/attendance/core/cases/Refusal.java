package io.attendance.core.cases;

/**
 * Why an action cannot be recorded: {@code status} 409 when it is not allowed now (not in this
 * stage, a limit reached, the case closed), 400 when a field is wrong ({@code field} names it).
 */
public record Refusal(int status, String field, String message) {
    public static Refusal conflict(String message) {
        return new Refusal(409, null, message);
    }

    public static Refusal badField(String field, String message) {
        return new Refusal(400, field, field + ": " + message);
    }
}
