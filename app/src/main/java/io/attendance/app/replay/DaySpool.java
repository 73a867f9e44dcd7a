package io.attendance.app.replay;

import io.attendance.contract.MarkKey;
import io.attendance.schemas.RegisterMark;
import org.apache.kafka.common.serialization.Serde;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * each as the record the service's marks topic would hold: key, value, time): a replay holds one day's
 * marks in memory at a time, whatever the size of the export or the order of its rows, and pipes them
 * as they are.
 */
final class DaySpool implements AutoCloseable {
    private final Path dir;
    private final Serde<RegisterMark> serde;
    private final String topic;
    private final TreeMap<LocalDate, DataOutputStream> days = new TreeMap<>();

    /** @param topic the marks topic: its name is what the serde is told, as when the service writes */
    DaySpool(Serde<RegisterMark> serde, String topic) {
        this.serde = serde;
        this.topic = topic;
        try {
            this.dir = Files.createTempDirectory("attendance-replay-marks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mark as its topic holds it: the pupil (for the partition), key and value bytes, and when it was recorded. */
    record Mark(String upn, byte[] key, byte[] value, long recordedAt) {
    }

    void add(RegisterMark m) {
        LocalDate day = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
        byte[] key = MarkKey.of(m).format().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = serde.serializer().serialize(topic, m);
        try {
            DataOutputStream out = days.get(day);
            if (out == null) {
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(day)), 1 << 16));
                days.put(day, out);
            }
            out.writeLong(m.getRecordedAt().toEpochMilli());
            out.writeUTF(m.getUpn());
            out.writeInt(key.length);
            out.write(key);
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
    List<Mark> take(LocalDate day) {
        DataOutputStream out = days.remove(day);
        if (out == null) return List.of();
        List<Mark> marks = new ArrayList<>();
        try {
            out.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(day)), 1 << 16))) {
                while (true) {
                    long at;
                    try {
                        at = in.readLong();
                    } catch (EOFException end) {
                        break;
                    }
                    String upn = in.readUTF();
                    byte[] key = in.readNBytes(in.readInt());
                    marks.add(new Mark(upn, key, in.readNBytes(in.readInt()), at));
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
