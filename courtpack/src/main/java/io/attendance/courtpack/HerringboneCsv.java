package io.attendance.courtpack;

import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.Herringbone;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.pupil.SessionCounts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The herringbone for the LA's legal team as CSV: one row per session of the year to date
 * (date, session, what the day was, the standing code, its category, the recordings it replaced),
 * then the week's and the running totals on each Friday PM row.
 */
public final class HerringboneCsv {
    private static final String[] HEADER = {"upn", "urn", "date", "session", "day", "code", "category", "amended_from",
            "week_possible", "week_attended", "week_authorised", "week_unauthorised",
            "to_date_possible", "to_date_attended", "to_date_authorised", "to_date_unauthorised"};

    private HerringboneCsv() {
    }

    public static String write(CourtPack pack) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get())) {
            for (Herringbone.Week w : pack.weeks()) {
                for (int i = 0; i < w.cells().size(); i++) {
                    Herringbone.Cell c = w.cells().get(i);
                    String urn = c.entry() == null ? pack.school().urn() : c.entry().urn(); // a session at another counted school names it
                    List<Object> row = new ArrayList<>(List.of(pack.pupil().upn(), urn, c.date().toString(), c.session(),
                            switch (c.kind()) {
                                case MARK -> "school day";
                                case NO_MARK -> "school day, no mark";
                                case CLOSED -> "school closed";
                                case HOLIDAY -> "holiday";
                                case OUTSIDE -> "outside the period";
                            },
                            c.code() == null ? "" : c.code(), c.category() == null ? "" : c.category().name().toLowerCase(java.util.Locale.ROOT),
                            c.entry() == null ? "" : String.join("; ", c.entry().earlier().stream().map(HerringboneCsv::recording).toList())));
                    boolean last = i == w.cells().size() - 1;
                    row.addAll(last ? counts(w.week()) : List.of("", "", "", ""));
                    row.addAll(last ? counts(w.cumulative()) : List.of("", "", "", ""));
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String recording(Recording r) {
        return r.code() + " recorded " + r.recordedAt();
    }

    private static List<Object> counts(SessionCounts c) {
        return List.of(c.possible(), c.attended(), c.authorised(), c.unauthorised());
    }
}
