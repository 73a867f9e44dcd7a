package io.attendance.core.policy;

/**
 * The period a metric is counted over: the last N school weeks (ending with this week), the
 * academic year to date, or from a case's own dates to today.
 */
public record Window(Kind kind, int schoolWeeks, String field) {
    public enum Kind { SCHOOL_WEEKS, YEAR_TO_DATE, SINCE_STAGE, SINCE_OPENED, PROSECUTION_PERIOD, SINCE_FIELD, SINCE_ENTERING }

    public static Window parse(String text) {
        String t = text == null ? "" : text.trim();
        switch (t) {
            case "year to date": return new Window(Kind.YEAR_TO_DATE, 0, null);
            case "since stage": return new Window(Kind.SINCE_STAGE, 0, null);
            case "since opened": return new Window(Kind.SINCE_OPENED, 0, null);
            case "prosecution period": return new Window(Kind.PROSECUTION_PERIOD, 0, null);
            default:
        }
        // The day after the case last entered the named stage (from its own history), to today.
        if (t.startsWith("since entering ")) return new Window(Kind.SINCE_ENTERING, 0, t.substring(15).trim());
        if (t.startsWith("since ")) return new Window(Kind.SINCE_FIELD, 0, t.substring(6).trim());
        Span s;
        try {
            s = Span.parse(t);
        } catch (IllegalArgumentException e) {
            s = null;
        }
        if (s == null || s.unit() != Span.Unit.SCHOOL_WEEKS || s.count() < 1) {
            throw new IllegalArgumentException("window '" + text + "': write 'N school weeks', 'year to date', "
                    + "'since stage', 'since opened', 'prosecution period', 'since entering <stage>' or 'since <date field>'");
        }
        return new Window(Kind.SCHOOL_WEEKS, s.count(), null);
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String toString() {
        return switch (kind) {
            case SCHOOL_WEEKS -> schoolWeeks + " school weeks";
            case YEAR_TO_DATE -> "year to date";
            case SINCE_STAGE -> "since stage";
            case SINCE_OPENED -> "since opened";
            case PROSECUTION_PERIOD -> "prosecution period";
            case SINCE_FIELD -> "since " + field;
            case SINCE_ENTERING -> "since entering " + field;
        };
    }
}
