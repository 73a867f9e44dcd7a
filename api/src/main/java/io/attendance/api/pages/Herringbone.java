package io.attendance.api.pages;

import io.attendance.api.pupils.Register;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The register as courts are shown it: a row per week, Monday AM to Friday PM, each session's
 * standing code coloured by what it counts as. Weeks with no mark at all are left out.
 */
final class Herringbone {
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private Herringbone() {
    }

    static List<Map<String, Object>> weeks(List<Register.Mark> marks) {
        Map<String, String[]> codes = new HashMap<>();
        Map<String, String[]> categories = new HashMap<>();
        LocalDate first = null, last = null;
        for (Register.Mark m : marks) {
            LocalDate d = LocalDate.parse(m.date());
            if (d.getDayOfWeek().getValue() > 5) continue; // registers are Monday to Friday
            LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            int slot = (d.getDayOfWeek().getValue() - 1) * 2 + (m.session().equals("AM") ? 0 : 1);
            codes.computeIfAbsent(monday.toString(), k -> new String[10])[slot] = m.code();
            categories.computeIfAbsent(monday.toString(), k -> new String[10])[slot] = m.category();
            if (first == null || monday.isBefore(first)) first = monday;
            if (last == null || monday.isAfter(last)) last = monday;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (first == null) return rows;
        for (LocalDate monday = first; !monday.isAfter(last); monday = monday.plusWeeks(1)) {
            String[] c = codes.get(monday.toString());
            if (c == null) continue;
            String[] cat = categories.get(monday.toString());
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("code", c[i] == null ? "" : c[i]);
                cell.put("css", c[i] == null ? "mark-none" : "mark-" + cat[i].toLowerCase(Locale.ROOT).replace('_', '-'));
                cell.put("title", monday.plusDays(i / 2).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK))
                        + (i % 2 == 0 ? " AM" : " PM") + (c[i] == null ? ": no mark" : ": " + c[i] + " (" + cat[i].toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
                cells.add(cell);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("week", monday.format(WEEK));
            row.put("cells", cells);
            rows.add(row);
        }
        return rows;
    }
}
