package io.attendance.core.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads a yyyy-mm-dd date as {@link LocalDate#parse} does, without its general formatter: every mark
 * key, store key and CSV row carries one, and the formatter was a visible share of a replay's time.
 * Anything not exactly ten characters of that shape is left to LocalDate.parse, so what is accepted
 * and what is refused (and how) does not change.
 */
public final class IsoDates {
    private IsoDates() {
    }

    public static LocalDate parse(CharSequence text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') return LocalDate.parse(text);
        int y = digits(text, 0, 4), m = digits(text, 5, 7), d = digits(text, 8, 10);
        if (y < 0 || m < 0 || d < 0) return LocalDate.parse(text);
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return LocalDate.parse(text); // the formatter's own message for 2025-02-30 and the like
        }
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
