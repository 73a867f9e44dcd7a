package io.attendance.notifier.deliver;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Post through the council's print room: each letter's PDF in a folder per letter date, and a
 * {@code manifest.csv} there listing what to print, fold and post to whom. Writing the same letter
 * again replaces its file with the same bytes and adds no second manifest row, so a retry or a
 * restart never puts a letter in the post twice. Only the notifier's own user can read the outbox,
 * and no manifest field can run as a spreadsheet formula.
 */
public final class OutboxChannel implements Channel {
    /** Always open: its only setting is the notifier's outbox folder. */
    public static final ChannelKind KIND = new ChannelKind("outbox", java.util.Map.of(Medium.POST, "outbox"));
    static final String[] HEADER = {"letter_number", "letter_id", "letter_ref", "title", "recipient", "address", "case", "school", "dated", "file", "pages_pdf_bytes"};
    private final Path root;
    /** Letter ids already in each day's manifest, read from the file once per day folder. */
    private final java.util.Map<Path, java.util.Set<String>> listed = new java.util.HashMap<>();

    public OutboxChannel(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return KIND.carries().get(Medium.POST);
    }

    @Override
    public synchronized String deliver(OutgoingLetter l) throws IOException {
        Path day = root.resolve(l.dated().toString());
        OwnerOnly.directories(day);
        String file = l.letterNumber() + ".pdf";
        Path tmp = day.resolve(file + ".tmp");
        Files.deleteIfExists(tmp); // one left by a crash keeps the permissions it was created with
        Files.createFile(tmp, OwnerOnly.file(tmp));
        Files.write(tmp, l.pdf());
        Files.move(tmp, day.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path manifest = day.resolve("manifest.csv");
        java.util.Set<String> ids = listed.computeIfAbsent(day, d -> read(manifest));
        String letterId = SpreadsheetSafe.text(l.letterId()); // as the manifest holds it
        if (!ids.contains(letterId)) {
            boolean fresh = !Files.exists(manifest);
            try (SeekableByteChannel out = Files.newByteChannel(manifest, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.APPEND), OwnerOnly.file(manifest));
                 Writer w = Channels.newWriter(out, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, fresh ? CSVFormat.DEFAULT.builder().setHeader(HEADER).get() : CSVFormat.DEFAULT)) {
                csv.printRecord(l.letterNumber(), letterId, SpreadsheetSafe.text(l.letterRef()), SpreadsheetSafe.text(l.title()),
                        SpreadsheetSafe.text(l.recipientName()), SpreadsheetSafe.text(String.join(", ", l.address())),
                        SpreadsheetSafe.text(l.caseId()), SpreadsheetSafe.text(l.schoolName()), l.dated(), file, l.pdf().length);
            }
            ids.add(letterId); // only once the row is written: a failed write is retried in full
        }
        return root.relativize(day.resolve(file)).toString();
    }

    private static java.util.Set<String> read(Path manifest) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        if (!Files.exists(manifest)) return ids;
        try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (CSVRecord rec : p) ids.add(rec.get("letter_id"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + manifest, e);
        }
        return ids;
    }

    /** Every letter id listed in every manifest under the outbox (for checks and tests). */
    public static List<String> listedLetterIds(Path root) throws IOException {
        if (!Files.exists(root)) return List.of();
        try (var days = Files.list(root)) {
            List<String> out = new java.util.ArrayList<>();
            for (Path day : days.sorted().toList()) {
                Path m = day.resolve("manifest.csv");
                if (!Files.exists(m)) continue;
                try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    for (CSVRecord rec : p) out.add(rec.get("letter_id"));
                }
            }
            return out;
        }
    }
}
