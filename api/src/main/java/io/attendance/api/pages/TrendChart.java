package io.attendance.api.pages;

import io.attendance.api.schools.SchoolOverview;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Attendance per school week for each school, as an SVG line chart drawn on the server. The same
 * figures are in a table under it, for screen readers and for anyone who wants the numbers.
 */
final class TrendChart {
    private static final String[] COLOURS = {"#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840", "#28a197", "#912b88"};
    private static final int W = 760, H = 300, LEFT = 48, RIGHT = 190, TOP = 16, BOTTOM = 40;

    private TrendChart() {
    }

    static String svg(List<SchoolOverview> schools) {
        TreeSet<String> weeks = new TreeSet<>();
        double min = 100;
        for (SchoolOverview s : schools) {
            for (SchoolOverview.Week w : s.trend()) {
                weeks.add(w.week());
                if (w.attendancePct() != null) min = Math.min(min, w.attendancePct().doubleValue());
            }
        }
        if (weeks.isEmpty()) return "";
        double floor = Math.max(0, Math.floor((min - 2) / 10) * 10);
        List<String> axis = new ArrayList<>(weeks);
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"trend\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-labelledby=\"trend-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"trend-title\">Attendance per school week, by school</title>");
        double step = 100 - floor > 30 ? 10 : 5; // a readable number of grid lines
        for (double y = floor; y <= 100.0001; y += step) {
            double py = TOP + plotH * (100 - y) / (100 - floor);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/>", LEFT, LEFT + plotW, py, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f%%</text>", LEFT - 6, py + 4, y));
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern("d MMM", Locale.UK);
        for (int i = 0; i < axis.size(); i++) {
            if (axis.size() > 8 && i % 2 == 1 && i != axis.size() - 1) continue;
            double px = x(i, axis.size(), plotW);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    px, H - BOTTOM + 16, LocalDate.parse(axis.get(i)).format(label)));
        }
        int n = 0;
        for (SchoolOverview s : schools) {
            String colour = COLOURS[n % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (SchoolOverview.Week w : s.trend()) {
                if (w.attendancePct() == null) continue;
                double px = x(axis.indexOf(w.week()), axis.size(), plotW);
                double py = TOP + plotH * (100 - w.attendancePct().doubleValue()) / (100 - floor);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"").append(points.toString().trim()).append("\"/>");
            int ly = TOP + 14 + n * 18;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>", W - RIGHT + 12, ly - 4, colour));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", W - RIGHT + 30, ly, xml(s.name() == null ? s.urn() : s.name())));
            n++;
        }
        return b.append("</svg>").toString();
    }

    private static double x(int i, int count, int plotW) {
        return LEFT + (count == 1 ? plotW / 2.0 : plotW * i / (double) (count - 1));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
