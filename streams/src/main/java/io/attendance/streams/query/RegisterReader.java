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
                // when a mark was withdrawn (MarksAsOf reads it): the session shows as withdrawn by having no standing mark
                if (io.attendance.streams.cases.MarksAsOf.WITHDRAWN.equals(kv.value.getCode())) {
                    earlier.computeIfAbsent(kv.key.substring(0, kv.key.lastIndexOf('|')), k -> new ArrayList<>());
                    continue;
                }
                earlier.computeIfAbsent(kv.key.substring(0, kv.key.lastIndexOf('|')), k -> new ArrayList<>())
                        .add(new Recording(kv.value.getCode(), kv.value.getRecordedAt(), kv.value.getSource()));
            }
        }
        List<RegisterEntry> out = new ArrayList<>();
        try (var it = standing.prefixScan(upn + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                MarkKey k = MarkKey.ofCellKey(kv.key);
                Recording now = new Recording(kv.value.getCode(), kv.value.getRecordedAt(), kv.value.getSource());
                // the recordings it replaced: up to its own time (a same-time recording with another code was replaced too)
                List<Recording> past = earlier.getOrDefault(kv.key, List.of()).stream()
                        .filter(r -> !r.recordedAt().isAfter(now.recordedAt()) && !(r.code().equals(now.code()) && r.recordedAt().equals(now.recordedAt())))
                        .toList();
                earlier.remove(kv.key);
                out.add(new RegisterEntry(k.date(), k.session().name(), k.urn(), now, past));
            }
        }
        // Sessions whose mark was withdrawn: no standing mark, only what the register said before.
        for (Map.Entry<String, List<Recording>> e : earlier.entrySet()) {
            MarkKey k = MarkKey.ofCellKey(e.getKey());
            out.add(new RegisterEntry(k.date(), k.session().name(), k.urn(), null, e.getValue()));
        }
        out.sort(java.util.Comparator.comparing(RegisterEntry::date).thenComparing(RegisterEntry::session).thenComparing(RegisterEntry::urn));
        return out;
    }
}
