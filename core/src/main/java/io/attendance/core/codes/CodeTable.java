package io.attendance.core.codes;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The register codes and what each counts as. Data, not code: the shipped table is
 * {@code codes-2024.csv}; another file can replace it ({@code --codes}).
 */
public final class CodeTable {
    public static final String DEFAULT_RESOURCE = "codes-2024.csv";

    private final Map<String, AttendanceCode> codes;

    private CodeTable(Map<String, AttendanceCode> codes) {
        this.codes = Collections.unmodifiableMap(codes);
    }

    public static CodeTable standard() {
        InputStream in = CodeTable.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CodeTable fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code table " + file, e);
        }
    }

    static CodeTable parse(Reader reader, String name) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#').setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setEscape(null).get();
        Map<String, AttendanceCode> codes = new LinkedHashMap<>();
        try (CSVParser parser = format.parse(reader)) {
            for (CSVRecord row : parser) {
                String where = name + " line " + parser.getCurrentLineNumber();
                String code = row.get("code");
                CodeCategory category;
                try {
                    category = CodeCategory.valueOf(row.get("category"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": unknown category '" + row.get("category") + "'");
                }
                LocalDate withdrawn = null;
                String w = row.get("withdrawn");
                if (w != null && !w.isBlank()) {
                    try {
                        withdrawn = LocalDate.parse(w);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(where + ": withdrawn date '" + w + "' is not yyyy-mm-dd");
                    }
                }
                if (codes.put(code, new AttendanceCode(code, category, row.get("description"), withdrawn)) != null) {
                    throw new IllegalArgumentException(where + ": code '" + code + "' listed twice");
                }
            }
        }
        return new CodeTable(codes);
    }

    public Optional<AttendanceCode> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** The category of a code already accepted; unknown codes never reach the counts. */
    public CodeCategory categoryOf(String code) {
        AttendanceCode c = codes.get(code);
        if (c == null) throw new IllegalArgumentException("unknown attendance code '" + code + "'");
        return c.category();
    }

    /** Why a code may not be recorded on a date, or empty when it may. */
    public Optional<String> problemWith(String code, LocalDate date) {
        AttendanceCode c = codes.get(code);
        if (c == null) return Optional.of("unknown attendance code '" + code + "'");
        if (!c.inForceOn(date)) {
            return Optional.of("code '" + code + "' was withdrawn on " + c.withdrawn() + " and cannot be recorded for " + date);
        }
        return Optional.empty();
    }

    public Map<String, AttendanceCode> all() {
        return codes;
    }
}
