package io.attendance.app.replay;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.marks.FieldError;
import io.attendance.core.marks.MarkRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a replay's marks CSV ({@code upn,urn,date,session,code[,recordedAt]}) a row at a time, checks
 * each as the API does (the same {@link MarkRules}), and files the good ones under the day they were
 * recorded: an amendment (a later {@code recordedAt}) applies on the day it was recorded. A row
 * without {@code recordedAt} was recorded when its register was taken (AM 09:00, PM 13:30, UTC).
 */
public final class ReplayInput {
    static final LocalTime AM_REGISTER = LocalTime.of(9, 0);
    static final LocalTime PM_REGISTER = LocalTime.of(13, 30);
    private static final List<String> COLUMNS = List.of("upn", "urn", "date", "session", "code");

    /** A rejected row: the file's line, the field, why. */
    public record Reject(String file, long line, String field, String reason) {
    }

    private ReplayInput() {
    }

    /**
     * Streams the file's good marks to {@code good}, in file order.
     *
     * @param notAfter a recordedAt later than this is refused (an import into a live service: not from the future); null: none
     */
    public static long marks(Path file, MarkRules rules, Function<String, SchoolCalendar> calendars, Instant notAfter,
                             Consumer<RegisterMark> good, Consumer<Reject> rejects) {
        long count = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in)) {
            for (String c : COLUMNS) {
                if (!csv.getHeaderMap().containsKey(c)) {
                    throw new ReplayException(file + ":1: header must be upn,urn,date,session,code[,recordedAt] (missing '" + c + "')");
                }
            }
            boolean hasRecordedAt = csv.getHeaderMap().containsKey("recordedAt");
            String name = file.getFileName().toString();
            for (CSVRecord r : csv) {
                long line = r.getRecordNumber() + 1;
                RegisterMark m = row(r, hasRecordedAt, rules, calendars, name, line, rejects);
                if (m == null) continue;
                if (notAfter != null && m.getRecordedAt().isAfter(notAfter)) {
                    rejects.accept(new Reject(name, line, "recordedAt", m.getRecordedAt() + " is in the future"));
                    continue;
                }
                good.accept(m);
                count++;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReplayException(file + ": cannot read: " + e.getMessage());
        }
        return count;
    }

    private static RegisterMark row(CSVRecord r, boolean hasRecordedAt, MarkRules rules, Function<String, SchoolCalendar> calendars,
                                    String file, long line, Consumer<Reject> rejects) {
        if (!r.isConsistent()) {
            rejects.accept(new Reject(file, line, "row", "has " + r.size() + " columns, the header " + r.getParser().getHeaderNames().size()));
            return null;
        }
        List<Reject> found = new ArrayList<>();
        LocalDate date = null;
        try {
            date = io.attendance.core.calendar.IsoDates.parse(r.get("date"));
        } catch (DateTimeParseException e) {
            found.add(new Reject(file, line, "date", "'" + r.get("date") + "' is not a yyyy-mm-dd date"));
        }
        Session session = null;
        try {
            session = Session.valueOf(r.get("session").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            found.add(new Reject(file, line, "session", "'" + r.get("session") + "' is not AM or PM"));
        }
        Instant recordedAt = null;
        String at = hasRecordedAt ? r.get("recordedAt") : "";
        if (!at.isBlank()) {
            try {
                recordedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                found.add(new Reject(file, line, "recordedAt", "'" + at + "' is not an ISO instant, e.g. 2025-09-08T08:50:00Z"));
            }
        }
        for (FieldError e : rules.check(r.get("upn"), r.get("urn"), date, r.get("code"), calendars)) {
            found.add(new Reject(file, line, e.field(), e.error()));
        }
        if (!found.isEmpty()) {
            found.forEach(rejects);
            return null;
        }
        if (recordedAt == null) recordedAt = date.atTime(session == Session.AM ? AM_REGISTER : PM_REGISTER).toInstant(ZoneOffset.UTC);
        if (recordedAt.isBefore(date.atStartOfDay().toInstant(ZoneOffset.UTC))) {
            rejects.accept(new Reject(file, line, "recordedAt", recordedAt + " is before the session's own day"));
            return null;
        }
        return new RegisterMark(r.get("upn"), r.get("urn"), date, session, r.get("code"), recordedAt, "replay");
    }

}
