package io.attendance.app.replay;

import io.attendance.schemas.RegisterMark;
import org.apache.kafka.common.serialization.Serde;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The good marks filed under the day they were recorded, on disk (one file a day, in the order read,
 * as the marks' own wire encoding): a replay holds one day's marks in memory at a time, whatever the
 * size of the export or the order of its rows.
 */
final class DaySpool implements AutoCloseable {
    private static final String TOPIC = "replay-spool";
    private final Path dir;
    private final Serde<RegisterMark> serde;
    private final TreeMap<LocalDate, DataOutputStream> days = new TreeMap<>();

    DaySpool(Serde<RegisterMark> serde) {
        this.serde = serde;
        try {
            this.dir = Files.createTempDirectory("attendance-replay-marks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(RegisterMark m) {
        LocalDate day = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
        byte[] bytes = serde.serializer().serialize(TOPIC, m);
        try {
            DataOutputStream out = days.get(day);
            if (out == null) {
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(day)), 1 << 16));
                days.put(day, out);
            }
            out.writeInt(bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The days that have marks, earliest first. */
    NavigableSet<LocalDate> days() {
        return days.navigableKeySet();
    }

    /** The day's marks in the order they were added; the day's file is gone afterwards. */
    List<RegisterMark> take(LocalDate day) {
        DataOutputStream out = days.remove(day);
        if (out == null) return List.of();
        List<RegisterMark> marks = new ArrayList<>();
        try {
            out.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(day)), 1 << 16))) {
                while (true) {
                    int n;
                    try {
                        n = in.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    marks.add(serde.deserializer().deserialize(TOPIC, in.readNBytes(n)));
                }
            }
            Files.delete(file(day));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marks;
    }

    private Path file(LocalDate day) {
        return dir.resolve(day + ".marks");
    }

    @Override
    public void close() {
        for (DataOutputStream out : days.values()) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the folder goes next
            }
        }
        days.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans it
        }
    }
}
