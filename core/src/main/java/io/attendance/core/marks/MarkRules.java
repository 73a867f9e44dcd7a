package io.attendance.core.marks;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.pupil.Upn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What makes a register mark acceptable. The API and the topology apply the same rules. */
public final class MarkRules {

    private final CodeTable codes;

    public MarkRules(CodeTable codes) {
        this.codes = codes;
    }

    public static boolean isUrn(String urn) {
        if (urn == null || urn.length() != 6) return false;
        for (int i = 0; i < 6; i++) if (urn.charAt(i) < '0' || urn.charAt(i) > '9') return false;
        return true;
    }

    /**
     * @param calendars the calendar of a known school by URN, or null when the school is unknown
     * @return every problem, field by field; empty when the mark is acceptable
     */
    public List<FieldError> check(String upn, String urn, LocalDate date, String code,
                                  Function<String, SchoolCalendar> calendars) {
        List<FieldError> errors = new ArrayList<>();
        Upn.problemWith(upn).ifPresent(e -> errors.add(new FieldError("upn", e)));
        SchoolCalendar calendar = null;
        if (!isUrn(urn)) {
            errors.add(new FieldError("urn", "URN must be six digits"));
        } else {
            calendar = calendars.apply(urn);
            if (calendar == null) errors.add(new FieldError("urn", "unknown school " + urn + ": PUT /api/v1/schools/" + urn + " first"));
        }
        if (code == null || code.isEmpty()) {
            errors.add(new FieldError("code", "code is missing"));
        } else if (date != null) {
            codes.problemWith(code, date).ifPresent(e -> errors.add(new FieldError("code", e)));
        } else if (codes.find(code).isEmpty()) {
            errors.add(new FieldError("code", "unknown attendance code '" + code + "'"));
        }
        // A day closed after its registers were taken (a snow day added to the calendar) takes only a code
        // for a session that was not possible (Y4, #): the school's correction must land, the absence must not.
        boolean notPossible = code != null && codes.find(code).map(c -> !codes.categoryOf(code).possible()).orElse(false);
        if (date != null && calendar != null && !calendar.isSchoolDay(date) && !notPossible) {
            errors.add(new FieldError("date", date + " is not a school day of school " + urn
                    + " (a day closed after its registers takes only a code for a session that was not possible, e.g. Y4 or #)"));
        }
        return errors;
    }
}
