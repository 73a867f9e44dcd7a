package io.attendance.notifier.render;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Lays a letter out on A4 with PDFBox: letterhead (logo placeholder, LA name and address), the
 * recipient's address where a window envelope shows it, date and references, title, body,
 * signature, and "page n of m" with the letter number on every page. DejaVu Sans is embedded
 * (subset) so any parent's name prints. The same content gives the same bytes: the document id
 * and dates come from the letter, never the clock, so a letter's hash identifies its content.
 */
public final class PdfLetterWriter {
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float BODY_SIZE = 10.5f;
    private static final float LEADING = 14.5f;
    private static final TrueTypeFont REGULAR = load("DejaVuSans.ttf");
    private static final TrueTypeFont BOLD = load("DejaVuSans-Bold.ttf");

    private PdfLetterWriter() {
    }

    public static synchronized byte[] write(LetterContent l) {
        try (PDDocument doc = new PDDocument()) {
            Fonts f = new Fonts(PDType0Font.load(doc, REGULAR, true), PDType0Font.load(doc, BOLD, true));
            Pages pages = new Pages(doc, f);
            pages.next();
            letterhead(pages, l);
            pages.y = PDRectangle.A4.getHeight() - 170;
            for (String line : address(l)) pages.line(f.regular, BODY_SIZE, MARGIN, line);
            pages.y -= LEADING;
            pages.line(f.regular, BODY_SIZE, MARGIN, "Date: " + LetterModel.LETTER_DATE.format(l.dated()));
            pages.line(f.regular, BODY_SIZE, MARGIN, "Our ref: " + l.letterRef() + " / " + l.letterNumber());
            pages.line(f.regular, BODY_SIZE, MARGIN, "Pupil: " + l.pupilName() + ", " + l.schoolName());
            pages.y -= LEADING;
            pages.paragraph(f.bold, 12, l.title());
            pages.y -= LEADING / 2;
            body(pages, l.body());
            pages.y -= LEADING;
            pages.keep(4);
            pages.line(f.regular, BODY_SIZE, MARGIN, "Yours sincerely,");
            pages.y -= LEADING * 1.5f;
            pages.line(f.bold, BODY_SIZE, MARGIN, l.letterhead().signatory().name());
            if (l.letterhead().signatory().role() != null) pages.line(f.regular, BODY_SIZE, MARGIN, l.letterhead().signatory().role());
            pages.line(f.regular, BODY_SIZE, MARGIN, l.letterhead().name());
            pages.close();
            footers(doc, f.regular, l.letterNumber());
            info(doc, l);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out letter " + l.letterNumber(), e);
        }
    }

    private static List<String> address(LetterContent l) {
        List<String> lines = new ArrayList<>();
        lines.add(l.recipientName());
        lines.addAll(l.recipientAddress());
        return lines;
    }

    private static void letterhead(Pages p, LetterContent l) throws IOException {
        float top = PDRectangle.A4.getHeight() - MARGIN;
        PDPageContentStream cs = p.cs;
        cs.setLineWidth(0.8f);
        cs.addRect(MARGIN, top - 50, 130, 50);
        cs.stroke();
        List<String> logo = p.wrap(p.f.regular, 7.5f, l.letterhead().logo(), 118);
        float ly = top - 22;
        for (String s : logo.subList(0, Math.min(3, logo.size()))) {
            p.text(p.f.regular, 7.5f, MARGIN + 6, ly, s);
            ly -= 9;
        }
        Letterhead la = l.letterhead();
        List<String> right = new ArrayList<>();
        if (!la.service().isBlank()) right.add(la.service());
        right.addAll(la.address());
        if (!la.phone().isBlank()) right.add("Telephone " + la.phone());
        if (!la.email().isBlank()) right.add(la.email());
        float x = MARGIN + 200;
        p.text(p.f.bold, 12, x, top - 10, la.name());
        float y = top - 24;
        for (String s : right) {
            p.text(p.f.regular, 8.5f, x, y, s);
            y -= 11;
        }
    }

    /** "## " starts a heading, "- " a bullet; a blank line ends a paragraph; other lines join into one. */
    private static void body(Pages p, String text) throws IOException {
        StringBuilder para = new StringBuilder();
        boolean inList = false;
        for (String raw : (text + "\n").split("\n", -1)) {
            String line = raw.strip();
            boolean special = line.startsWith("## ") || line.startsWith("- ");
            if (inList && !line.startsWith("- ")) {
                p.y -= LEADING / 2; // a list ends with the same gap as a paragraph
                inList = false;
            }
            if ((line.isEmpty() || special) && para.length() > 0) {
                p.paragraph(p.f.regular, BODY_SIZE, para.toString());
                p.y -= LEADING / 2;
                para.setLength(0);
            }
            if (line.startsWith("## ")) {
                p.keep(3);
                p.paragraph(p.f.bold, BODY_SIZE, line.substring(3));
            } else if (line.startsWith("- ")) {
                p.bullet(line.substring(2));
                inList = true;
            } else if (!line.isEmpty()) {
                if (para.length() > 0) para.append(' ');
                para.append(line);
            }
        }
    }

    private static void footers(PDDocument doc, PDFont font, String letterNumber) throws IOException {
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream cs = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                cs.beginText();
                cs.setFont(font, 7.5f);
                cs.newLineAtOffset(MARGIN, 30);
                cs.showText("Letter " + letterNumber + " — page " + (i + 1) + " of " + n);
                cs.endText();
            }
        }
    }

    private static void info(PDDocument doc, LetterContent l) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(l.letterRef() + " — " + l.title());
        info.setAuthor(l.letterhead().name());
        info.setProducer("attendance notifier");
        Calendar c = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        c.setTimeInMillis(l.dated().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        info.setCreationDate(c);
        info.setModificationDate(c);
        doc.setDocumentId(Long.parseLong(l.letterNumber().substring(0, 12), 16));
    }

    private static TrueTypeFont load(String name) {
        try (InputStream in = PdfLetterWriter.class.getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/" + name)) {
            if (in == null) throw new IllegalStateException("font " + name + " is missing from the classpath");
            return new TTFParser().parse(new RandomAccessReadBuffer(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + name, e);
        }
    }

    private record Fonts(PDFont regular, PDFont bold) {
    }

    /** The page being written, its content stream and the current baseline; a new page when one fills. */
    private static final class Pages {
        final PDDocument doc;
        final Fonts f;
        PDPageContentStream cs;
        float y;

        Pages(PDDocument doc, Fonts f) {
            this.doc = doc;
            this.f = f;
        }

        void next() throws IOException {
            if (cs != null) cs.close();
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void close() throws IOException {
            cs.close();
        }

        /** Starts a new page unless {@code lines} more lines fit above the footer. */
        void keep(int lines) throws IOException {
            if (y - lines * LEADING < MARGIN + 20) next();
        }

        void line(PDFont font, float size, float x, String s) throws IOException {
            keep(1);
            text(font, size, x, y, s);
            y -= LEADING;
        }

        void paragraph(PDFont font, float size, String s) throws IOException {
            for (String l : wrap(font, size, s, WIDTH)) line(font, size, MARGIN, l);
        }

        void bullet(String s) throws IOException {
            List<String> lines = wrap(f.regular, BODY_SIZE, s, WIDTH - 14);
            for (int i = 0; i < lines.size(); i++) {
                keep(1);
                if (i == 0) text(f.regular, BODY_SIZE, MARGIN + 2, y, "•");
                text(f.regular, BODY_SIZE, MARGIN + 14, y, lines.get(i));
                y -= LEADING;
            }
        }

        void text(PDFont font, float size, float x, float atY, String s) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, atY);
            cs.showText(printable(font, s));
            cs.endText();
        }

        List<String> wrap(PDFont font, float size, String s, float width) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : printable(font, s).split(" +")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
                    out.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            if (line.length() > 0) out.add(line.toString());
            return out;
        }

        /** Every string drawn passes here: a character the font cannot draw becomes "?" rather than losing the letter. */
        static String printable(PDFont font, String s) {
            StringBuilder out = new StringBuilder();
            LiteralText.printed(s).codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }
    }
}
