package io.attendance.notifier.render;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a letter template may use (documented in {@code policies/letters/README.md}):
 * {@code la.*}, {@code school.name}, {@code pupil.name}, {@code parent.name}, {@code parent.relationship},
 * {@code letter.ref}, {@code letter.title}, {@code letter.dated}, {@code meeting.*} (when the action
 * that asked for the letter set a meeting date), {@code evidence.*} (the figures the letter rests on)
 * and {@code fields.*}: every field recorded on the case, dates written out in words.
 */
public final class LetterModel {
    public static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    public static final DateTimeFormatter LETTER_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private LetterModel() {
    }

    public static Map<String, Object> scope(Letterhead la, String schoolName, String pupilName, String parentName,
                                            String relationship, String letterRef, String title, LocalDate dated,
                                            Map<String, String> caseFields) {
        Map<String, Object> fields = new HashMap<>();
        caseFields.forEach((k, v) -> fields.put(k, readable(v)));
        Map<String, Object> scope = new HashMap<>();
        scope.put("la", Map.of("name", la.name(), "service", la.service(), "phone", la.phone(), "email", la.email(),
                "signatory", la.signatory().name(), "role", la.signatory().role() == null ? "" : la.signatory().role()));
        scope.put("school", Map.of("name", schoolName));
        scope.put("pupil", Map.of("name", pupilName));
        scope.put("parent", Map.of("name", parentName, "relationship", relationship == null ? "" : relationship));
        scope.put("letter", Map.of("ref", letterRef, "title", title, "dated", LETTER_DATE.format(dated)));
        scope.put("fields", fields);
        String meetingDate = caseFields.get("meetingDate");
        if (meetingDate != null) {
            Map<String, Object> meeting = new HashMap<>();
            meeting.put("date", readable(meetingDate));
            meeting.put("time", caseFields.getOrDefault("meetingTime", "(time to be confirmed)"));
            meeting.put("place", caseFields.getOrDefault("place", "(place to be confirmed)"));
            meeting.put("attendees", caseFields.getOrDefault("attendees", "(to be confirmed)"));
            scope.put("meeting", meeting);
        }
        if (caseFields.containsKey("evidence.window")) {
            Map<String, Object> evidence = new HashMap<>();
            caseFields.forEach((k, v) -> {
                if (k.startsWith("evidence.")) evidence.put(k.substring(9), readable(v));
            });
            scope.put("evidence", evidence);
        }
        return scope;
    }

    /** The heading of the figures block: a template that prints its own {@code {{#evidence}}} section uses it too. */
    public static final String EVIDENCE_HEADING = "## The figures this letter rests on";

    /**
     * The figures a letter rests on (its policy's {@code evidence: <window>}), as a block after the
     * body when the template does not place them itself; empty when the case stamped none.
     */
    public static String evidenceBlock(Map<String, Object> scope, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ev = (Map<String, Object>) scope.get("evidence");
        if (ev == null || body.contains(EVIDENCE_HEADING)) return "";
        return "\n\n" + EVIDENCE_HEADING + "\n"
                + "- Period: " + ev.get("from") + " to " + ev.get("to") + " (" + ev.get("window") + ")\n"
                + "- Possible sessions (mornings and afternoons): " + ev.get("possible") + "\n"
                + "- Sessions missed: " + ev.get("missed") + ", of which unauthorised: " + ev.get("unauthorised") + "\n"
                + "- Attendance: " + ev.get("attendancePct") + "; unauthorised absence: " + ev.get("unauthorisedPct") + "\n";
    }

    /** An ISO date as a person writes it ("Monday 10 November 2025"); anything else as it is. */
    static String readable(String value) {
        if (value != null && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return LONG_DATE.format(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }

    /** The address block: the lines, then the postcode on its own line. */
    public static List<String> addressBlock(List<String> lines, String postcode) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(lines);
        if (postcode != null && !postcode.isBlank()) out.add(postcode);
        return out;
    }
}
