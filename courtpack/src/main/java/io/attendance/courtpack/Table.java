package io.attendance.courtpack;

import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ruled table tagged as Table / TR / TH / TD: each cell's text wraps to its column; a row that
 * does not fit starts a new page, where the header row is drawn again.
 */
final class Table {
    /** One cell: its text, and a fill behind it (null: none). */
    record Cell(String text, Color fill) {
        static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    private final TaggedPages p;
    private final float[] widths;
    private final float size;
    private final List<String> header;
    private final java.util.Set<Integer> rulesAfter = new java.util.HashSet<>();
    private PDStructureElement table;

    /** @param header the column headings, repeated on each page; null for a two-column list of labels and values */
    Table(TaggedPages p, float size, float[] widths, List<String> header) {
        this.p = p;
        this.size = size;
        this.widths = widths;
        this.header = header;
    }

    /** A vertical rule after each of these columns (0-based), on every row: the herringbone's days. */
    Table rulesAfter(int... columns) {
        for (int c : columns) rulesAfter.add(c);
        return this;
    }

    void row(List<Cell> cells) throws IOException {
        float height = height(p.regular, cells.stream().map(Cell::text).toList());
        if (table == null || p.y - height < TaggedPages.MARGIN + 24) {
            float headerHeight = header == null ? 0 : height(p.bold, header);
            if (table != null || p.y - height - headerHeight < TaggedPages.MARGIN + 24) p.newPage();
            table = p.element("Table", null);
            if (header != null) draw(p.bold, header.stream().map(Cell::of).toList(), "TH", headerHeight);
        }
        draw(p.regular, cells, "TD", height);
    }

    void row(String... cells) throws IOException {
        List<Cell> out = new ArrayList<>();
        for (String c : cells) out.add(Cell.of(c));
        row(out);
    }

    private float height(PDFont font, List<String> texts) throws IOException {
        int lines = 1;
        for (int i = 0; i < texts.size(); i++) lines = Math.max(lines, p.wrap(font, size, texts.get(i), widths[i] - 4).size());
        return lines * size * 1.3f + 4;
    }

    private void draw(PDFont font, List<Cell> cells, String cellType, float height) throws IOException {
        PDStructureElement tr = p.element("TR", table);
        float x = TaggedPages.MARGIN;
        float top = p.y;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (c.fill() != null) p.fill(x, top - height, widths[i], height, c.fill());
            PDStructureElement td = p.element(cellType, tr);
            float ty = top - size - 2;
            for (String line : p.wrap(font, size, c.text(), widths[i] - 4)) {
                if (!line.isEmpty()) p.text(td, font, size, x + 2, ty, line);
                ty -= size * 1.3f;
            }
            x += widths[i];
            if (rulesAfter.contains(i)) p.line(x, top, x, top - height, 0.3f);
        }
        float right = TaggedPages.MARGIN;
        for (float w : widths) right += w;
        p.line(TaggedPages.MARGIN, top - height, right, top - height, 0.3f);
        p.y = top - height;
    }
}
