package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A field a person fills in when recording an action. A date field with {@code notice} must be
 * at least that span after the action's date (a meeting invite's notice period); with
 * {@code within}, no later than that span after it; with {@code notAfter}, no later than a date
 * field recorded on the case (e.g. the review date agreed at the meeting) or
 * {@value #PROSECUTION_PERIOD_END}.
 */
public record FieldSpec(Type type, boolean required, List<String> choices, Span notice, Span within, String notAfter, String cite) {
    public static final String PROSECUTION_PERIOD_END = "end of prosecution period";

    /**
     * UPNS: pupils' UPNs separated by commas or spaces (e.g. siblings for a joint approach), each checked.
     * PARENTS: ids of the pupil's parents (as in their contacts) separated by commas or spaces, e.g. who
     * was present at a meeting.
     */
    public enum Type { TEXT, DATE, TIME, YESNO, CHOICE, NUMBER, UPNS, PARENTS }

    @JsonCreator
    static FieldSpec of(@JsonProperty("type") String type, @JsonProperty("required") Boolean required,
                        @JsonProperty("choices") List<String> choices, @JsonProperty("notice") String notice,
                        @JsonProperty("within") String within, @JsonProperty("notAfter") String notAfter,
                        @JsonProperty("cite") String cite) {
        Type t;
        try {
            t = Type.valueOf(String.valueOf(type).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field type '" + type + "': use text, date, time, yesno, choice, number, upns or parents");
        }
        if (t == Type.CHOICE && (choices == null || choices.isEmpty())) throw new IllegalArgumentException("a choice field needs choices");
        if ((notice != null || within != null || notAfter != null) && t != Type.DATE) {
            throw new IllegalArgumentException("notice/within/notAfter only apply to date fields");
        }
        return new FieldSpec(t, required == null || required, choices == null ? List.of() : choices,
                notice == null ? null : Span.parse(notice), within == null ? null : Span.parse(within),
                notAfter == null ? null : notAfter.trim(), cite);
    }

    /** Why {@code value} is not valid for this field, or null when it is. */
    public String problem(String value) {
        if (value == null || value.isBlank()) return required ? "is required" : null;
        switch (type) {
            case DATE -> {
                try {
                    LocalDate.parse(value);
                } catch (RuntimeException e) {
                    return "'" + value + "' is not a date (yyyy-mm-dd)";
                }
            }
            case TIME -> {
                try {
                    LocalTime.parse(value);
                } catch (RuntimeException e) {
                    return "'" + value + "' is not a time (hh:mm)";
                }
            }
            case YESNO -> {
                if (!value.equals("yes") && !value.equals("no")) return "'" + value + "' must be yes or no";
            }
            case CHOICE -> {
                if (!choices.contains(value)) return "'" + value + "' is not one of " + choices;
            }
            case NUMBER -> {
                try {
                    new java.math.BigDecimal(value);
                } catch (NumberFormatException e) {
                    return "'" + value + "' is not a number";
                }
            }
            case UPNS -> {
                for (String upn : value.trim().split("[,\\s]+")) {
                    var p = io.attendance.core.pupil.Upn.problemWith(upn);
                    if (p.isPresent()) return "'" + upn + "': " + p.get();
                }
            }
            case PARENTS -> {
                for (String id : value.trim().split("[,\\s]+")) {
                    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) return "'" + id + "' is not a parent id (letters, digits, - _ .)";
                }
            }
            default -> {
            }
        }
        return null;
    }
}
