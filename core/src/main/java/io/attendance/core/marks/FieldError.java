package io.attendance.core.marks;

/** One reason an input was refused: which field, and why (never the field's personal value). */
public record FieldError(String field, String error) {
    @Override
    public String toString() {
        return field + ": " + error;
    }
}
