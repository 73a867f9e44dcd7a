package io.attendance.notifier;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A PDF read back the way a person (or a court) reads it: its text, whitespace collapsed. */
final class PdfText {
    static String of(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text line by line as laid out on the page, whitespace collapsed. */
    static List<String> lines(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).lines().map(l -> l.replaceAll("\\s+", " ").strip()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every run of text drawn in a bold font: the letterhead's name, the title, headings, the signatory. */
    static List<String> bold(byte[] pdf) {
        List<String> runs = new ArrayList<>();
        try (PDDocument d = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    if (positions.stream().anyMatch(t -> t.getFont().getName().contains("Bold"))) runs.add(text.strip());
                    super.writeString(text, positions);
                }
            }.getText(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return runs;
    }

    static int pages(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
