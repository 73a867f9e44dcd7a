package io.attendance.notifier.render;

/**
 * Names, addresses and other values come from imports and forms, so they are printed as written
 * and never taken for layout. On one line: every control character and line or paragraph
 * separator becomes a space (a line break could start a heading, add a mail header, and the PDF
 * fonts cannot draw it). Inside a letter body the '#' and '-' of a value are held as private-use
 * characters while the body is laid out, so a value never starts a heading or a bullet, and are
 * printed as themselves.
 */
public final class LiteralText {
    private static final char HASH = '\uE000';
    private static final char DASH = '\uE001';

    private LiteralText() {
    }

    public static String oneLine(String s) {
        if (s == null) return null;
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean breaks = type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.appendCodePoint(breaks ? ' ' : cp);
        });
        return out.toString();
    }

    /** A value as it goes into a letter body. */
    static String inBody(String value) {
        return oneLine(value).replace('#', HASH).replace('-', DASH);
    }

    /** Text as it is drawn: the body's held characters printed as themselves, anything else on one line. */
    static String printed(String s) {
        return oneLine(s.replace(HASH, '#').replace(DASH, '-'));
    }
}
