package io.attendance.notifier.deliver;

/**
 * A manifest is opened in a spreadsheet, which runs a cell starting with = + - @ (or a tab or
 * carriage return before one) as a formula. Such a field gets a leading apostrophe so it is shown
 * as text (OWASP, CSV injection).
 */
final class SpreadsheetSafe {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetSafe() {
    }

    static String text(String field) {
        return field != null && !field.isEmpty() && FORMULA_STARTS.indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    }
}
