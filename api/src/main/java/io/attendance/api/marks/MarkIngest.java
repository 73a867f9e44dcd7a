package io.attendance.api.marks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.marks.FieldError;
import io.attendance.core.marks.MarkRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a batch of marks (JSON array or CSV) into marks to record and row errors. One bad row
 * never costs the good ones.
 */
public final class MarkIngest {
    static final List<String> COLUMNS = List.of("upn", "urn", "date", "session", "code");
    static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final MarkRules rules;
    private final Function<String, SchoolCalendar> calendars;
    private final ObjectMapper json;

    public MarkIngest(MarkRules rules, Function<String, SchoolCalendar> calendars, ObjectMapper json) {
        this.rules = rules;
        this.calendars = calendars;
        this.json = json;
    }

    public IngestResult fromJson(String body, Instant receivedAt, String source) {
        return fromJson(body, receivedAt, source, urn -> java.util.Optional.empty());
    }

    public IngestResult fromCsv(String body, Instant receivedAt, String source) {
        return fromCsv(body, receivedAt, source, urn -> java.util.Optional.empty());
    }

    /** @param scope a school the caller may not post for gives a reason: the row is refused on its {@code urn} */
    public IngestResult fromJson(String body, Instant receivedAt, String source, Function<String, java.util.Optional<String>> scope) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            return wholeBatch("body", "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            return wholeBatch("body", "unreadable body");
        }
        if (root == null || !root.isArray()) return wholeBatch("body", "expected a JSON array of marks");
        Rows out = new Rows();
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isObject()) {
                out.rejected.add(new RowError(i + 1, "row", "expected an object with upn, urn, date, session, code"));
                continue;
            }
            Map<String, String> fields = new java.util.HashMap<>();
            for (String c : COLUMNS) {
                JsonNode v = row.get(c);
                fields.put(c, v == null || v.isNull() ? null : v.asText());
            }
            JsonNode at = row.get("recordedAt");
            fields.put("recordedAt", at == null || at.isNull() ? null : at.asText());
            check(i + 1, fields, receivedAt, source, scope, out);
        }
        return out.result();
    }

    /** A batch's outcome as it is built: accepted marks with their row numbers, and row errors. */
    private static final class Rows {
        final List<RegisterMark> accepted = new ArrayList<>();
        final List<Integer> acceptedRows = new ArrayList<>();
        final List<RowError> rejected = new ArrayList<>();

        IngestResult result() {
            return new IngestResult(accepted, acceptedRows, rejected);
        }
    }

    public IngestResult fromCsv(String body, Instant receivedAt, String source, Function<String, java.util.Optional<String>> scope) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setEscape(null).get();
        Rows out = new Rows();
        // A spreadsheet's "CSV UTF-8" starts with a byte-order mark: it is not part of the first column's name.
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String c : COLUMNS) {
                if (header == null || !header.containsKey(c)) {
                    return wholeBatch("header", "CSV header must be upn,urn,date,session,code (missing '" + c + "')");
                }
            }
            int row = 0;
            for (CSVRecord r : parser) {
                row++;
                Map<String, String> fields = new java.util.HashMap<>();
                for (String c : COLUMNS) fields.put(c, r.isSet(c) ? r.get(c) : null);
                fields.put("recordedAt", header.containsKey("recordedAt") && r.isSet("recordedAt") ? r.get("recordedAt") : null);
                check(row, fields, receivedAt, source, scope, out);
            }
        } catch (IOException | RuntimeException e) {
            // Rows before the fault stand; the fault is named by its row, without the parser's internals.
            out.rejected.add(new RowError(out.accepted.size() + (int) out.rejected.stream().map(RowError::row).distinct().count() + 1,
                    "body", "unreadable CSV from this row on (an unclosed quote?): nothing after it was read"));
        }
        return out.result();
    }

    private void check(int row, Map<String, String> f, Instant receivedAt, String source,
                       Function<String, java.util.Optional<String>> scope, Rows out) {
        List<RowError> rejected = out.rejected;
        int before = rejected.size();
        LocalDate date = null;
        String d = f.get("date");
        if (d == null || d.isBlank()) {
            rejected.add(new RowError(row, "date", "date is missing"));
        } else {
            try {
                date = LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                rejected.add(new RowError(row, "date", "date must be an ISO date yyyy-mm-dd"));
            }
        }
        Session session = null;
        String s = f.get("session");
        if (s == null || s.isBlank()) {
            rejected.add(new RowError(row, "session", "session is missing"));
        } else {
            try {
                session = Session.valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                rejected.add(new RowError(row, "session", "session must be AM or PM"));
            }
        }
        Instant recordedAt = receivedAt;
        String at = f.get("recordedAt");
        if (at != null && !at.isBlank()) {
            try {
                recordedAt = Instant.parse(at);
                recordedAtProblem(recordedAt, receivedAt).ifPresent(why -> rejected.add(new RowError(row, "recordedAt", why)));
            } catch (DateTimeParseException e) {
                rejected.add(new RowError(row, "recordedAt", "recordedAt must be an ISO instant, e.g. 2025-09-08T08:50:00Z"));
            }
        }
        String upn = f.get("upn") == null ? null : f.get("upn").trim();
        String urn = f.get("urn") == null ? null : f.get("urn").trim();
        String code = f.get("code") == null ? null : f.get("code").trim();
        List<FieldError> errors = rules.check(upn, urn, date, code, calendars);
        for (FieldError e : errors) {
            rejected.add(new RowError(row, e.field(), e.error()));
        }
        if (urn != null && errors.stream().noneMatch(e -> e.field().equals("urn"))) {
            scope.apply(urn).ifPresent(why -> rejected.add(new RowError(row, "urn", why)));
        }
        if (rejected.size() == before) {
            out.accepted.add(new RegisterMark(upn, urn, date, session, code, recordedAt, source));
            out.acceptedRows.add(row);
        }
    }

    /** A recording cannot be from the future (beyond clock skew) nor from before electronic registers. */
    static java.util.Optional<String> recordedAtProblem(Instant recordedAt, Instant receivedAt) {
        if (recordedAt.isAfter(receivedAt.plus(MAX_CLOCK_SKEW))) {
            return java.util.Optional.of("recordedAt " + recordedAt + " is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes ahead of the server's clock (" + receivedAt + "): a mark cannot be recorded in the future");
        }
        if (recordedAt.isBefore(EARLIEST)) return java.util.Optional.of("recordedAt " + recordedAt + " is before " + EARLIEST + ": not a real recording time");
        return java.util.Optional.empty();
    }

    private static IngestResult wholeBatch(String field, String error) {
        return new IngestResult(List.of(), List.of(), List.of(new RowError(0, field, error)));
    }
}
