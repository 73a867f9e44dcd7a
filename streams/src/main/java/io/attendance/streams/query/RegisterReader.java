package io.attendance.streams.query;

import io.attendance.contract.MarkKey;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.schemas.MarkCell;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A pupil's register with its amendments, from the standing-mark and mark-history stores of the pupil's partition. */
public final class RegisterReader {
    private RegisterReader() {
    }

    public static List<RegisterEntry> entries(ReadOnlyKeyValueStore<String, MarkCell> standing, ReadOnlyKeyValueStore<String, MarkCell> history,
                                              String upn) {
        // A session's replaced recordings, by cell key (the history key is the cell key and the recording's time).
        Map<String, List<Recording>> earlier = new HashMap<>();
        try (var it = history.prefixScan(upn + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                earlier.computeIfAbsent(kv.key.substring(0, kv.key.lastIndexOf('|')), k -> new ArrayList<>())
                        .add(new Recording(kv.value.getCode(), kv.value.getRecordedAt()));
            }
        }
        List<RegisterEntry> out = new ArrayList<>();
        try (var it = standing.prefixScan(upn + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                MarkKey k = MarkKey.ofCellKey(kv.key);
                // only recordings older than the standing one are its past (a late, older recording sorts in by its time)
                List<Recording> past = earlier.getOrDefault(kv.key, List.of()).stream()
                        .filter(r -> r.recordedAt().isBefore(kv.value.getRecordedAt())).toList();
                out.add(new RegisterEntry(k.date(), k.session().name(), k.urn(), new Recording(kv.value.getCode(), kv.value.getRecordedAt()), past));
            }
        }
        return out;
    }
}
