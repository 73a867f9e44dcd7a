package io.attendance.core.pupil;

import java.util.Optional;

/**
 * Names, addresses and notes are one line of text: a control character or line break in one is a
 * data-entry fault (or an attempt to lay out a letter or a log line of one's own), refused with
 * its field rather than printed.
 */
public final class PlainText {
    private PlainText() {
    }

    /** Why this value is not plain one-line text, or empty when it is (or is absent). */
    public static Optional<String> problemWith(String value) {
        if (value == null) return Optional.empty();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of(c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029'
                        ? "must be one line: it contains a line break at character " + (i + 1)
                        : "contains a control character (U+" + String.format("%04X", (int) c) + ") at character " + (i + 1));
            }
        }
        return Optional.empty();
    }
}
