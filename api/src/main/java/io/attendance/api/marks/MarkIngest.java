package io.attendance.api.marks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.topology.FieldError;
import io.attendance.streams.topology.MarkRules;
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
            return wholeBatch("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return wholeBatch("body", "unreadable body");
        }
        if (root == null || !root.isArray()) return wholeBatch("body", "expected a JSON array of marks");
        List<RegisterMark> accepted = new ArrayList<>();
        List<RowError> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isObject()) {
                rejected.add(new RowError(i + 1, "row", "expected an object with upn, urn, date, session, code"));
                continue;
            }
            Map<String, String> fields = new java.util.HashMap<>();
            for (String c : COLUMNS) {
                JsonNode v = row.get(c);
                fields.put(c, v == null || v.isNull() ? null : v.asText());
            }
            JsonNode at = row.get("recordedAt");
            fields.put("recordedAt", at == null || at.isNull() ? null : at.asText());
            check(i + 1, fields, receivedAt, source, scope, accepted, rejected);
        }
        return new IngestResult(accepted, rejected);
    }

    public IngestResult fromCsv(String body, Instant receivedAt, String source, Function<String, java.util.Optional<String>> scope) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setEscape(null).get();
        List<RegisterMark> accepted = new ArrayList<>();
        List<RowError> rejected = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(body))) {
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
                check(row, fields, receivedAt, source, scope, accepted, rejected);
            }
        } catch (IOException | RuntimeException e) {
            rejected.add(new RowError(accepted.size() + rejected.size() + 1, "body", "unreadable CSV: " + e.getMessage()));
        }
        return new IngestResult(accepted, rejected);
    }

    private void check(int row, Map<String, String> f, Instant receivedAt, String source,
                       Function<String, java.util.Optional<String>> scope, List<RegisterMark> accepted, List<RowError> rejected) {
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
            accepted.add(new RegisterMark(upn, urn, date, session, code, recordedAt, source));
        }
    }

    private static IngestResult wholeBatch(String field, String error) {
        return new IngestResult(List.of(), List.of(new RowError(0, field, error)));
    }
}
