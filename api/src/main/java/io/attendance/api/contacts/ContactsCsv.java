package io.attendance.api.contacts;

import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;
import io.attendance.core.pupil.ContactRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parents from a CSV export, one row per parent:
 * {@code upn,pupil_name,parent_id,name,relationship,address_1,address_2,address_3,postcode,email,lives_with_pupil,parental_responsibility,preferred_channel}.
 * A pupil's rows together are that pupil's whole list. A pupil with any bad row is not imported at
 * all (importing some of a family's parents would quietly stop letters to the others); every other
 * pupil is. Each problem names its line (the header is line 1) and field.
 */
public final class ContactsCsv {
    public static final List<String> HEADER = List.of("upn", "pupil_name", "parent_id", "name", "relationship", "address_1",
            "address_2", "address_3", "postcode", "email", "lives_with_pupil", "parental_responsibility", "preferred_channel");

    private ContactsCsv() {
    }

    public record LineError(long line, String field, String error) {
        @Override
        public String toString() {
            return "line " + line + ": " + field + ": " + error;
        }
    }

    public record Result(List<PupilContacts> accepted, List<LineError> errors) {
    }

    public static Result read(Reader in, String recordedBy) throws IOException {
        Map<String, List<CSVRecord>> byPupil = new LinkedHashMap<>();
        List<LineError> errors = new ArrayList<>();
        Set<String> withShortRow = new java.util.HashSet<>();
        Map<Long, Long> lines = new java.util.HashMap<>();
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(withoutBom(in))) {
            Set<String> missing = new java.util.TreeSet<>(HEADER);
            missing.removeAll(csv.getHeaderNames());
            if (!missing.isEmpty()) return new Result(List.of(), List.of(new LineError(1, "header", "missing columns " + missing)));
            int columns = csv.getHeaderNames().size();
            int upnAt = csv.getHeaderMap().get("upn");
            long lastEnd = csv.getCurrentLineNumber();
            for (CSVRecord r : csv) {
                // The file's own line where the row starts (a quoted field may span lines).
                lines.put(r.getRecordNumber(), lastEnd + 1);
                lastEnd = csv.getCurrentLineNumber();
                if (r.size() < columns) {
                    // A short row cannot be read by column: named by its line, its family held back.
                    String upn = upnAt < r.size() ? r.get(upnAt) : "";
                    errors.add(new LineError(lines.get(r.getRecordNumber()), "row", "has " + r.size() + " of the " + columns + " columns"));
                    byPupil.computeIfAbsent(upn, k -> new ArrayList<>());
                    withShortRow.add(upn);
                    continue;
                }
                byPupil.computeIfAbsent(r.get("upn"), k -> new ArrayList<>()).add(r);
            }
        }
        List<PupilContacts> accepted = new ArrayList<>();
        for (var e : byPupil.entrySet()) {
            List<CSVRecord> rows = e.getValue();
            if (withShortRow.contains(e.getKey())) continue; // a family with a short row is not imported in part
            List<Contact> parents = new ArrayList<>();
            List<LineError> mine = new ArrayList<>();
            for (CSVRecord r : rows) {
                parents.add(Contact.newBuilder().setParentId(r.get("parent_id")).setName(r.get("name"))
                        .setRelationship(r.get("relationship"))
                        .setAddressLines(List.of(r.get("address_1"), r.get("address_2"), r.get("address_3")).stream().filter(s -> !s.isBlank()).toList())
                        .setPostcode(blankToNull(r.get("postcode"))).setEmail(blankToNull(r.get("email")))
                        .setLivesWithPupil(yes(r, lineOf(r, lines), "lives_with_pupil", mine)).setParentalResponsibility(yes(r, lineOf(r, lines), "parental_responsibility", mine))
                        .setPreferredChannel(r.get("preferred_channel").isBlank() ? "post" : r.get("preferred_channel")).build());
            }
            PupilContacts c = PupilContacts.newBuilder().setUpn(e.getKey()).setPupilName(rows.get(0).get("pupil_name"))
                    .setParents(parents).setUpdatedBy(recordedBy).build();
            for (ContactRules.Problem p : ContactRules.problems(c)) {
                CSVRecord row = rows.get(Math.max(0, p.index() - 1));
                mine.add(new LineError(lineOf(row, lines), column(p.field()), p.reason()));
            }
            if (mine.isEmpty()) accepted.add(c);
            else errors.addAll(mine);
        }
        errors.sort(java.util.Comparator.comparingLong(LineError::line));
        return new Result(accepted, errors);
    }

    private static long lineOf(CSVRecord r, Map<Long, Long> lines) {
        return lines.getOrDefault(r.getRecordNumber(), r.getRecordNumber() + 1);
    }

    /** A spreadsheet's "CSV UTF-8" starts with a byte-order mark: not part of the first column's name. */
    private static Reader withoutBom(Reader in) throws IOException {
        java.io.PushbackReader r = new java.io.PushbackReader(in, 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') r.unread(first);
        return r;
    }

    private static String column(String field) {
        return switch (field) {
            case "pupilName" -> "pupil_name";
            case "parentId" -> "parent_id";
            case "addressLines" -> "address_1";
            case "preferredChannel" -> "preferred_channel";
            case "" -> "row";
            default -> field;
        };
    }

    private static boolean yes(CSVRecord r, long line, String column, List<LineError> errors) {
        String v = r.get(column).toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty() || v.equals("yes") || v.equals("y") || v.equals("true")) return true;
        if (v.equals("no") || v.equals("n") || v.equals("false")) return false;
        errors.add(new LineError(line, column, "'" + r.get(column) + "': yes or no"));
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
