package io.attendance.courtpack;

import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.Herringbone;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.core.pupil.SessionCounts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A case's court pack as one PDF: (1) the Application to Prosecute summary, (2) the year-to-date
 * herringbone, (3) the certificate of attendance, (4) the letters sent, their PDFs appended, and
 * (5) the case's timeline. The same pack gives the same bytes: every date in it, the document's own
 * included, comes from the record, never the clock.
 */
public final class CourtPackPdf {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM yy", Locale.UK);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));
    private static final Color UNAUTHORISED = new Color(0xF4, 0xC7, 0xC3);
    private static final Color AUTHORISED = new Color(0xFF, 0xF2, 0xCC);
    private static final Color NOT_SCHOOL = new Color(0xE5, 0xE5, 0xE5);

    private CourtPackPdf() {
    }

    public static byte[] write(CourtPack pack) {
        List<PDDocument> letters = new ArrayList<>();
        try (PDDocument doc = new PDDocument()) {
            TaggedPages p = new TaggedPages(doc);
            p.newPage();
            summary(p, pack);
            p.newPage();
            herringbone(p, pack);
            p.newPage();
            certificate(p, pack);
            p.newPage();
            letters(p, pack);
            p.newPage();
            timeline(p, pack);
            p.finish("Court pack, case " + pack.caseId() + ", record as at " + DATE.format(pack.asOf()),
                    pack.letters().stream().anyMatch(l -> l.pdf() != null && l.pdf().length > 0 && appended(l)) ? "; the letters follow it" : "");
            appendLetters(doc, pack, letters);
            info(doc, pack);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the court pack of case " + pack.caseId(), e);
        } finally {
            // an imported page's resources stay in its own document: closed only once the pack is saved
            for (PDDocument l : letters) {
                try {
                    l.close();
                } catch (IOException ignored) {
                    // nothing was written to it
                }
            }
        }
    }

    // ---- 1. Application to Prosecute summary ---------------------------------------------------

    private static void summary(TaggedPages p, CourtPack pack) throws IOException {
        p.heading("H1", "Application to Prosecute — summary", 15);
        p.paragraph("Prepared from the live attendance record as at " + DATE.format(pack.asOf())
                + " (the school's last ended day). Every figure is counted from the register; none is typed.", 8.5f);
        p.gap(6);
        Table t = new Table(p, 9, new float[]{130, TaggedPages.WIDTH - 130}, null);
        t.row("Pupil", (pack.pupil().name() == null ? "name not held (no contacts given)" : pack.pupil().name()) + ", UPN " + pack.pupil().upn());
        t.row("School", pack.school().name() + " (URN " + pack.school().urn() + ")");
        t.row("Local authority", pack.school().la());
        t.row("Case", pack.caseId());
        t.row("Procedure", pack.policy().title() + " (" + pack.policy().id() + ", version " + pack.policy().version() + "); source: " + pack.policy().source());
        if (pack.policy().packFrom() != null) t.row("Pack due from", "stage " + pack.policy().packFrom() + ": " + pack.policy().packCite());

        p.heading("H2", "Parents", 11);
        if (pack.parents().isEmpty()) {
            p.paragraph("No parent contact details are held for this pupil.", 9);
        } else {
            Table parents = new Table(p, 8.5f, new float[]{115, 70, 75, 55, TaggedPages.WIDTH - 315},
                    List.of("Name", "Relationship", "Parental responsibility", "Lives with pupil", "Address"));
            for (CourtPack.Parent a : pack.parents()) {
                parents.row(a.name() + " (" + a.parentId() + ")", a.relationship(), a.parentalResponsibility() ? "yes" : "no",
                        a.livesWithPupil() ? "yes" : "no", String.join(", ", a.address()));
            }
        }

        p.heading("H2", "Stages of the case", 11);
        Table stages = new Table(p, 8.5f, new float[]{80, 170, TaggedPages.WIDTH - 250}, List.of("Entered", "Stage", "Recorded"));
        for (CourtPack.StageLine s : pack.stages()) stages.row(DAY.format(s.date()), s.title() + " (" + s.stage() + ")", s.detail());

        p.heading("H2", "Attendance", 11);
        figures(p, pack.period().equals(pack.yearToDate()) ? List.of(pack.period()) : List.of(pack.period(), pack.yearToDate()));
    }

    static void figures(TaggedPages p, List<CourtPack.Span> spans) throws IOException {
        Table t = new Table(p, 8.5f, new float[]{140, 50, 50, 58, 75, 60, TaggedPages.WIDTH - 433},
                List.of("Period", "Possible sessions", "Attended", "Authorised absence", "Unauthorised absence", "Attendance", "Unauthorised absence %"));
        for (CourtPack.Span s : spans) {
            SessionCounts f = s.figures();
            t.row(s.label() + ": " + DATE.format(s.from()) + " to " + DATE.format(s.to())
                            + (s.endsOn() == null ? "" : " (the period runs to " + DATE.format(s.endsOn()) + ")"),
                    String.valueOf(f.possible()), String.valueOf(f.attended()), String.valueOf(f.authorised()),
                    String.valueOf(f.unauthorised()), pct(f.attendancePct()), pct(f.unauthorisedPct()));
        }
    }

    private static String pct(BigDecimal v) {
        return v == null ? "—" : v.toPlainString() + "%";
    }

    // ---- 2. Herringbone -----------------------------------------------------------------------

    private static void herringbone(TaggedPages p, CourtPack pack) throws IOException {
        java.time.LocalDate from = pack.period().from().isBefore(pack.yearToDate().from()) ? pack.period().from() : pack.yearToDate().from();
        p.heading("H1", "Register (herringbone)", 14);
        p.paragraph(pack.pupil().upn() + " at " + pack.school().name() + ", " + DATE.format(from) + " to "
                + DATE.format(pack.asOf()) + " (the year to date" + (from.isBefore(pack.yearToDate().from()) ? " and the whole prosecution period" : "")
                + "). Each week Monday to Friday, morning (AM) and afternoon (PM) sessions. Red: "
                + "unauthorised absence; yellow: authorised absence; grey: no school (closed or holiday); ? a school day with no "
                + "mark; * a mark amended or withdrawn (each listed below the register); † recorded at another school the pupil's "
                + "figures count at (the URN is in the CSV).", 8);
        p.gap(4);
        List<String> header = new ArrayList<>(List.of("Week of"));
        for (String d : List.of("Mon", "Tue", "Wed", "Thu", "Fri")) {
            header.add(d + " AM");
            header.add("PM");
        }
        header.addAll(List.of("Poss", "Att", "Auth", "Unauth", "Week %", "To date %"));
        // "100.00%" and "Unauth" must fit their columns whole (a word wider than its column is cut)
        float[] widths = {46, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 24, 22, 26, 36, 38, 0};
        widths[16] = TaggedPages.WIDTH - 46 - 250 - 108 - 38;
        Table t = new Table(p, 7.5f, widths, header).rulesAfter(0, 2, 4, 6, 8, 10);
        for (Herringbone.Week w : pack.weeks()) {
            List<Table.Cell> cells = new ArrayList<>();
            cells.add(Table.Cell.of(WEEK.format(w.monday())));
            for (Herringbone.Cell c : w.cells()) cells.add(cell(c, pack.school().urn()));
            SessionCounts wk = w.week(), cum = w.cumulative();
            for (int v : new int[]{wk.possible(), wk.attended(), wk.authorised(), wk.unauthorised()}) cells.add(Table.Cell.of(String.valueOf(v)));
            cells.add(Table.Cell.of(pct(wk.attendancePct())));
            cells.add(Table.Cell.of(pct(cum.attendancePct())));
            t.row(cells);
        }
        p.gap(8);
        p.heading("H2", "Amended and withdrawn marks", 11);
        if (pack.amendments().isEmpty()) {
            p.paragraph("No amendment of a mark in this period is recorded.", 8.5f);
        } else {
            Table a = new Table(p, 8, new float[]{95, 200, TaggedPages.WIDTH - 295}, List.of("Session", "Recorded first", "Stands now"));
            for (RegisterEntry e : pack.amendments()) {
                List<String> before = new ArrayList<>();
                for (Recording r : e.earlier()) before.add(r.code() + " (recorded " + AT.format(r.recordedAt()) + ")");
                a.row(DAY.format(e.date()) + " " + e.session(), String.join("; then ", before), e.retracted()
                        ? "withdrawn by the school: no mark stands" : e.standing().code() + " (recorded " + AT.format(e.standing().recordedAt()) + ")");
            }
        }
    }

    private static Table.Cell cell(Herringbone.Cell c, String caseSchool) {
        return switch (c.kind()) {
            case MARK -> new Table.Cell(c.code() + (c.entry().amended() ? "*" : "") + (c.entry().urn().equals(caseSchool) ? "" : "†"), switch (c.category()) {
                case UNAUTHORISED -> UNAUTHORISED;
                case AUTHORISED -> AUTHORISED;
                default -> null;
            });
            case NO_MARK -> Table.Cell.of("?");
            case CLOSED, HOLIDAY -> new Table.Cell("", NOT_SCHOOL);
            case OUTSIDE -> Table.Cell.of("");
        };
    }

    // ---- 3. Certificate -----------------------------------------------------------------------

    private static void certificate(TaggedPages p, CourtPack pack) throws IOException {
        CourtPack.Span s = pack.period();
        SessionCounts f = s.figures();
        p.heading("H1", "Certificate of attendance", 14);
        p.paragraph("Education Act 1996, section 566: a certificate as to a pupil's attendance at a school, signed by the head "
                + "teacher, is evidence of the matters stated in it.", 8.5f);
        p.gap(8);
        p.paragraph("I certify that the attendance register of " + pack.school().name() + " (URN " + pack.school().urn()
                + ") records the following attendance of " + (pack.pupil().name() == null ? "the pupil" : pack.pupil().name())
                + " (UPN " + pack.pupil().upn() + ") for the period " + DATE.format(s.from()) + " to " + DATE.format(s.to()) + " ("
                + s.label().toLowerCase(Locale.UK) + "):", 10);
        p.gap(6);
        Table t = new Table(p, 10, new float[]{260, 100}, null);
        t.row("Sessions the pupil could have attended", String.valueOf(f.possible()));
        t.row("Sessions attended", String.valueOf(f.attended()));
        t.row("Sessions of authorised absence", String.valueOf(f.authorised()));
        t.row("Sessions of unauthorised absence", String.valueOf(f.unauthorised()));
        t.row("Attendance", pct(f.attendancePct()));
        p.gap(28);
        p.paragraph("Signed: ..................................................   Head teacher", 10);
        p.gap(14);
        p.paragraph("Name: ...................................................   Date: ........................", 10);
    }

    // ---- 4. Letters ---------------------------------------------------------------------------

    private static void letters(TaggedPages p, CourtPack pack) throws IOException {
        p.heading("H1", "Letters sent", 14);
        p.paragraph("Each letter produced on this case, one per parent, with how it went; below, the SHA-256 hash of each "
                + "letter's PDF. The letters sent follow the timeline, in this order; a letter not sent is listed here only.", 8.5f);
        p.gap(4);
        if (pack.letters().isEmpty()) {
            p.paragraph("No letter has been produced on this case.", 9);
            return;
        }
        Table t = new Table(p, 7.5f, new float[]{56, 140, 90, 70, TaggedPages.WIDTH - 356},
                List.of("Dated", "Letter", "To", "Channel and status", "Delivery evidence"));
        int n = 1;
        for (CourtPack.LetterLine l : pack.letters()) {
            String evidence = (l.sentAt() == null ? "" : "sent " + AT.format(l.sentAt()))
                    + (l.providerReference() == null ? "" : "; reference " + l.providerReference())
                    + (l.failure() == null ? "" : "; " + l.failure());
            t.row(SHORT.format(l.dated()), n++ + ". " + l.letterRef() + ": " + l.title(), l.recipient() + " (" + l.parentId() + ")",
                    l.channel() + ", " + l.status().toLowerCase(Locale.UK).replace('_', ' '), evidence);
        }
        p.gap(10);
        p.heading("H2", "Content hashes (SHA-256 of each letter's PDF)", 11);
        Table hashes = new Table(p, 7.5f, new float[]{24, TaggedPages.WIDTH - 24}, List.of("", "SHA-256"));
        n = 1;
        for (CourtPack.LetterLine l : pack.letters()) hashes.row(n++ + ".", l.contentHash());
    }

    private static void appendLetters(PDDocument doc, CourtPack pack, List<PDDocument> opened) throws IOException {
        for (CourtPack.LetterLine l : pack.letters()) {
            // Only letters that went (or, in a replay, were produced): a letter not sent is listed, never shown as if sent.
            if (l.pdf() == null || l.pdf().length == 0 || !appended(l)) continue;
            // The letter's own pages, unchanged: what the parent received.
            PDDocument letter = Loader.loadPDF(l.pdf());
            opened.add(letter);
            for (PDPage page : letter.getPages()) doc.importPage(page);
        }
    }

    static boolean appended(CourtPack.LetterLine l) {
        return l.status().equals("SENT") || l.status().equals("PRODUCED");
    }

    // ---- 5. Timeline --------------------------------------------------------------------------

    private static void timeline(TaggedPages p, CourtPack pack) throws IOException {
        p.heading("H1", "Timeline", 14);
        p.paragraph("Everything recorded on the case, in order: meetings and who attended, actions with who recorded them, "
                + "letters requested, deadlines, refusals.", 8.5f);
        p.gap(4);
        Table t = new Table(p, 7.5f, new float[]{74, 150, TaggedPages.WIDTH - 224}, List.of("Date", "What", "Detail"));
        for (CourtPack.TimelineLine e : pack.timeline()) {
            String detail = e.detail() == null ? "" : e.detail();
            if (!e.fields().isEmpty()) detail = (detail.isEmpty() ? "" : detail + "\n") + String.join("; ", e.fields());
            t.row(DAY.format(e.date()), e.what(), detail);
        }
    }

    private static void info(PDDocument doc, CourtPack pack) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("Court pack — case " + pack.caseId());
        info.setAuthor(pack.school().la());
        info.setProducer("attendance court pack");
        Calendar c = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        c.setTimeInMillis(pack.asOf().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        info.setCreationDate(c);
        info.setModificationDate(c);
        doc.setDocumentId((long) (pack.caseId() + "|" + pack.asOf()).hashCode());
        // PDF/UA: a viewer shows the title, not the file name
        org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences prefs =
                new org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
        prefs.setDisplayDocTitle(true);
        doc.getDocumentCatalog().setViewerPreferences(prefs);
    }
}
