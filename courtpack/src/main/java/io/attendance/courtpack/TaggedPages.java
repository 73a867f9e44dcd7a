package io.attendance.courtpack;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tagged A4 document written top to bottom: every string drawn is marked content under a
 * structure element (headings, paragraphs, table cells), so screen readers and text selection
 * read the pack in order. Pages follow one another as text fills them.
 */
final class TaggedPages {
    static final float MARGIN = 42;
    static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    // The font files once; parsed per document (a parsed font is not shared between documents being written at once).
    private static final byte[] REGULAR_TTF = load("DejaVuSans.ttf");
    private static final byte[] BOLD_TTF = load("DejaVuSans-Bold.ttf");

    final PDDocument doc;
    final PDFont regular;
    final PDFont bold;
    final PDStructureElement document;
    private final Map<PDPage, List<PDStructureElement>> marked = new LinkedHashMap<>();
    PDPage page;
    PDPageContentStream cs;
    float y;

    TaggedPages(PDDocument doc) throws IOException {
        this.doc = doc;
        this.regular = PDType0Font.load(doc, parse(REGULAR_TTF), true);
        this.bold = PDType0Font.load(doc, parse(BOLD_TTF), true);
        PDStructureTreeRoot root = new PDStructureTreeRoot();
        doc.getDocumentCatalog().setStructureTreeRoot(root);
        PDMarkInfo info = new PDMarkInfo();
        info.setMarked(true);
        doc.getDocumentCatalog().setMarkInfo(info);
        doc.getDocumentCatalog().setLanguage("en-GB");
        document = new PDStructureElement("Document", root);
        root.appendKid(document);
    }

    void newPage() throws IOException {
        if (cs != null) cs.close();
        page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        marked.put(page, new ArrayList<>());
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** A new page unless {@code height} more points fit above the footer. */
    void keep(float height) throws IOException {
        if (y - height < MARGIN + 24) newPage();
    }

    /** A structure element under {@code parent} (the document when null). */
    PDStructureElement element(String type, PDStructureNode parent) {
        PDStructureElement e = new PDStructureElement(type, parent == null ? document : parent);
        e.setPage(page);
        (parent == null ? document : parent).appendKid(e);
        return e;
    }

    /** Draws {@code s} at (x, atY) as marked content belonging to {@code owner}. */
    void text(PDStructureElement owner, PDFont font, float size, float x, float atY, String s) throws IOException {
        List<PDStructureElement> onPage = marked.get(page);
        int mcid = onPage.size();
        COSDictionary props = new COSDictionary();
        props.setInt(COSName.MCID, mcid);
        cs.beginMarkedContent(COSName.getPDFName(owner.getStructureType()), PDPropertyList.create(props));
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, atY);
        cs.showText(printable(font, s));
        cs.endText();
        cs.endMarkedContent();
        // A reference naming its own page: an element's text may run on to the next page.
        org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference ref =
                new org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference();
        ref.setMCID(mcid);
        ref.setPage(page);
        owner.appendKid(ref);
        onPage.add(owner);
    }

    /** A heading (H1, H2) on its own line. */
    void heading(String type, String s, float size) throws IOException {
        keep(size * 2.2f);
        y -= size * 0.4f;
        text(element(type, null), bold, size, MARGIN, y - size, s);
        y -= size * 1.6f;
    }

    /** A paragraph wrapped to the page width. */
    void paragraph(String s, float size) throws IOException {
        paragraph(s, size, regular);
    }

    void paragraph(String s, float size, PDFont font) throws IOException {
        PDStructureElement p = element("P", null);
        for (String line : wrap(font, size, s, WIDTH)) {
            keep(size * 1.45f);
            text(p, font, size, MARGIN, y - size, line);
            y -= size * 1.45f;
        }
    }

    void gap(float points) {
        y -= points;
    }

    void fill(float x, float atY, float w, float h, Color c) throws IOException {
        cs.beginMarkedContent(COSName.ARTIFACT);
        cs.saveGraphicsState();
        cs.setNonStrokingColor(c);
        cs.addRect(x, atY, w, h);
        cs.fill();
        cs.restoreGraphicsState();
        cs.endMarkedContent();
    }

    void line(float x1, float y1, float x2, float y2, float width) throws IOException {
        cs.beginMarkedContent(COSName.ARTIFACT);
        cs.setLineWidth(width);
        cs.moveTo(x1, y1);
        cs.lineTo(x2, y2);
        cs.stroke();
        cs.endMarkedContent();
    }

    List<String> wrap(PDFont font, float size, String s, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : printable(font, s).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : words(font, size, para, width)) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && width(font, size, candidate) > width) {
                    out.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The words of a paragraph, a word wider than the column (a hash, a file reference) cut to fit it. */
    private List<String> words(PDFont font, float size, String para, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String word : para.split(" +")) {
            while (width(font, size, word) > width && word.length() > 1) {
                int n = word.length() - 1;
                while (n > 1 && width(font, size, word.substring(0, n)) > width) n--;
                out.add(word.substring(0, n));
                word = word.substring(n);
            }
            out.add(word);
        }
        return out;
    }

    float width(PDFont font, float size, String s) throws IOException {
        return font.getStringWidth(printable(font, s)) / 1000 * size;
    }

    /** Ends the last page, puts {@code footer}, "page n of m" and {@code after} on every page, and writes the parent tree. */
    void finish(String footer, String after) throws IOException {
        cs.close();
        int n = doc.getNumberOfPages();
        Map<Integer, PDParentTreeValue> parents = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<PDPage, List<PDStructureElement>> e : marked.entrySet()) {
            COSArray owners = new COSArray();
            for (PDStructureElement owner : e.getValue()) owners.add(owner);
            e.getKey().setStructParents(i);
            parents.put(i, new PDParentTreeValue(owners));
            i++;
        }
        for (int p = 0; p < n; p++) {
            PDPage pg = doc.getPage(p);
            if (!marked.containsKey(pg)) continue; // appended letters keep their own pages untouched
            try (PDPageContentStream f = new PDPageContentStream(doc, pg, PDPageContentStream.AppendMode.APPEND, true)) {
                f.beginMarkedContent(COSName.ARTIFACT);
                f.beginText();
                f.setFont(regular, 7.5f);
                f.newLineAtOffset(MARGIN, 24);
                f.showText(printable(regular, footer + " — page " + (p + 1) + " of " + n + after));
                f.endText();
                f.endMarkedContent();
            }
        }
        PDNumberTreeNode tree = new PDNumberTreeNode(PDParentTreeValue.class);
        tree.setNumbers(parents);
        doc.getDocumentCatalog().getStructureTreeRoot().setParentTree(tree);
        doc.getDocumentCatalog().getStructureTreeRoot().setParentTreeNextKey(i);
    }

    /** A character the font cannot draw becomes "?" rather than losing the pack. */
    static String printable(PDFont font, String s) {
        StringBuilder out = new StringBuilder();
        (s == null ? "" : s).codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (ch.equals("\n")) {
                out.append(ch);
                return;
            }
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static byte[] load(String name) {
        try (InputStream in = TaggedPages.class.getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/" + name)) {
            if (in == null) throw new IllegalStateException("font " + name + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + name, e);
        }
    }

    private static TrueTypeFont parse(byte[] ttf) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
    }
}
