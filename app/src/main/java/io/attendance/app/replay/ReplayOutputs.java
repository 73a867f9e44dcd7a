package io.attendance.app.replay;

import io.attendance.notifier.LetterPlan;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.PupilStats;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files a replay writes (README "Replay"): case-events.jsonl, cases.csv, pupils.csv, rejects.csv,
 * letters/ (with contacts) and report.html. Written in a fixed order with fixed formats, so the same
 * inputs give the same bytes.
 */
public final class ReplayOutputs implements AutoCloseable {
    private final Path dir;
    private final BufferedWriter events;
    private final CSVPrinter rejects;
    private final CSVPrinter cases;
    private final CSVPrinter pupils;
    private CSVPrinter letters;
    private long rejected;
    /** Cases opened per family per school week (Monday), letters requested per letter id: the report. */
    private final Map<LocalDate, Map<String, Integer>> openedByWeek = new TreeMap<>();
    private final TreeSet<String> families = new TreeSet<>();
    private final Map<String, Integer> lettersById = new TreeMap<>();
    private final Map<String, Integer> rejectsByField = new TreeMap<>();

    private ReplayOutputs(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        events = Files.newBufferedWriter(dir.resolve("case-events.jsonl"), StandardCharsets.UTF_8);
        rejects = csv("rejects.csv", "file", "line", "field", "reason");
        cases = csv("cases.csv", "id", "upn", "urn", "policy", "version", "openedOn", "stage", "status", "closedOn", "closureCode");
        pupils = csv("pupils.csv", "upn", "urn", "asOf", "possible", "attended", "authorised", "unauthorised", "attendancePct", "flags");
    }

    static ReplayOutputs open(Path dir) {
        try {
            return new ReplayOutputs(dir);
        } catch (IOException e) {
            throw new ReplayException(dir + ": cannot write there: " + e.getMessage());
        }
    }

    private CSVPrinter csv(String name, String... header) throws IOException {
        return new CSVPrinter(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get());
    }

    void reject(ReplayInput.Reject r) {
        rejected++;
        rejectsByField.merge(r.field(), 1, Integer::sum);
        print(rejects, r.file(), r.line(), r.field(), r.reason());
    }

    long rejected() {
        return rejected;
    }

    void event(CaseEvent e) {
        try {
            events.write(json(e));
            events.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (e.getType() == CaseEventType.OPENED) {
            String family = io.attendance.core.cases.CaseKeys.familyOf(e.getCaseId());
            families.add(family);
            openedByWeek.computeIfAbsent(SchoolCalendar.weekOf(e.getDate()), k -> new TreeMap<>()).merge(family, 1, Integer::sum);
        }
        if (e.getType() == CaseEventType.LETTER_REQUESTED) lettersById.merge(e.getLetterId(), 1, Integer::sum);
    }

    /** A case event as one line of case-events.jsonl (the benchmark writes the service's events the same way, to compare). */
    public static String json(CaseEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.getEventId());
        m.put("caseId", e.getCaseId());
        m.put("upn", e.getUpn());
        m.put("urn", e.getUrn());
        m.put("policy", e.getPolicy());
        m.put("policyVersion", e.getPolicyVersion());
        m.put("type", e.getType().name());
        m.put("date", e.getDate().toString());
        m.put("stage", e.getStage());
        put(m, "fromStage", e.getFromStage());
        put(m, "action", e.getAction());
        put(m, "letterId", e.getLetterId());
        put(m, "letterTitle", e.getLetterTitle());
        put(m, "task", e.getTask());
        put(m, "due", e.getDue() == null ? null : e.getDue().toString());
        put(m, "closureCode", e.getClosureCode());
        put(m, "linkedCase", e.getLinkedCase());
        put(m, "detail", e.getDetail());
        if (e.getFields() != null && !e.getFields().isEmpty()) m.put("fields", new TreeMap<>(e.getFields()));
        try {
            return Replay.JSON.writeValueAsString(m);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) m.put(k, v);
    }

    void caseRow(CaseState c) {
        print(cases, c.getCaseId(), c.getUpn(), c.getUrn(), c.getPolicy(), c.getPolicyVersion(), c.getOpenedOn(), c.getStage(),
                c.getStatus(), c.getClosedOn() == null ? "" : c.getClosedOn(), c.getClosureCode() == null ? "" : c.getClosureCode());
    }

    void pupilRow(PupilStats s) {
        var y = s.yearToDate();
        print(pupils, s.upn(), s.urn(), s.asOf(), y.possible(), y.attended(), y.authorised(), y.unauthorised(),
                y.attendancePct() == null ? "" : y.attendancePct().toPlainString(),
                String.join(" ", s.flags().stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList()));
    }

    void letter(CaseEvent e, LetterPlan p) {
        try {
            if (letters == null) {
                Files.createDirectories(dir.resolve("letters"));
                letters = new CSVPrinter(Files.newBufferedWriter(dir.resolve("letters").resolve("letters.csv"), StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT.builder().setHeader("letterNumber", "letterId", "ref", "case", "parent", "recipient", "dated",
                                "status", "problem", "file").setRecordSeparator('\n').get());
            }
            String file = "";
            if (p.letter() != null && p.status() == null) {
                file = p.letter().letterNumber() + ".pdf";
                Files.write(dir.resolve("letters").resolve(file), p.letter().pdf());
            }
            print(letters, p.letter() == null ? "" : p.letter().letterNumber(), p.letterId(), e.getLetterId(), e.getCaseId(), p.parentId(),
                    p.recipient(), e.getDate(), p.status() == null ? "PRODUCED" : p.status().name(), p.problem() == null ? "" : p.problem(), file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void print(CSVPrinter out, Object... values) {
        try {
            out.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** report.html: cases opened per procedure per school week (chart and table), letters per id, rejects. */
    void finish(List<School> schools) {
        StringBuilder h = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Replay report</title>\n"
                + "<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;"
                + "padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>\n"
                + "<h1>Replay report</h1>\n<p>" + schools.size() + " schools. Cases opened per procedure per school week:</p>\n");
        List<String> fam = List.copyOf(families);
        int max = 1;
        for (var w : openedByWeek.values()) max = Math.max(max, w.values().stream().mapToInt(Integer::intValue).sum());
        int bar = 24, height = 200, width = Math.max(1, openedByWeek.size()) * (bar + 8) + 40;
        h.append("<svg role=\"img\" aria-label=\"Cases opened per school week\" width=\"").append(width).append("\" height=\"")
                .append(height + 40).append("\">\n");
        String[] colours = {"#1d70b8", "#f47738", "#00703c", "#d4351c", "#912b88", "#505a5f"};
        int x = 30;
        for (var w : openedByWeek.entrySet()) {
            int y = height;
            for (int i = 0; i < fam.size(); i++) {
                int n = w.getValue().getOrDefault(fam.get(i), 0);
                int hgt = n * height / max;
                y -= hgt;
                if (hgt > 0) h.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s: %d</title></rect>%n",
                        x, y + 10, bar, hgt, colours[i % colours.length], w.getKey(), fam.get(i), n));
            }
            h.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"9\">%s</text>%n", x, height + 25, w.getKey().toString().substring(5)));
            x += bar + 8;
        }
        h.append("</svg>\n<table><tr><th>week of</th>");
        for (int i = 0; i < fam.size(); i++) h.append("<th style=\"color:").append(colours[i % colours.length]).append("\">").append(fam.get(i)).append("</th>");
        h.append("</tr>\n");
        int[] totals = new int[fam.size()];
        for (var w : openedByWeek.entrySet()) {
            h.append("<tr><td>").append(w.getKey()).append("</td>");
            for (int i = 0; i < fam.size(); i++) {
                int n = w.getValue().getOrDefault(fam.get(i), 0);
                totals[i] += n;
                h.append("<td>").append(n).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><th>total</th>");
        for (int t : totals) h.append("<th>").append(t).append("</th>");
        h.append("</tr></table>\n<h2>Letters requested</h2>\n<table><tr><th>letter</th><th>requests</th></tr>\n");
        lettersById.forEach((k, v) -> h.append("<tr><td>").append(escape(k)).append("</td><td>").append(v).append("</td></tr>\n"));
        h.append("</table>\n<h2>Rejected input</h2>\n<p>").append(rejected).append(" rejected (rows in rejects.csv, with their line and reason)</p>\n");
        if (!rejectsByField.isEmpty()) {
            h.append("<table><tr><th>field</th><th>rows</th></tr>\n");
            rejectsByField.forEach((k, v) -> h.append("<tr><td>").append(escape(k)).append("</td><td>").append(v).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        try {
            Files.writeString(dir.resolve("report.html"), h.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        try {
            events.close();
            rejects.close();
            cases.close();
            pupils.close();
            if (letters != null) letters.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
