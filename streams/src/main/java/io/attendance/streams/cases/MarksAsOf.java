package io.attendance.streams.cases;

import io.attendance.schemas.MarkCell;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pupil's register as it stood at a moment, from the standing marks and the mark history: each
 * session's latest recording made by then, none if it was first recorded later or withdrawn by then.
 * A day end read after input recorded later (its clock partition was fetched late) is judged on this,
 * so it sees what an in-order reading would have seen: no amendment, late mark or withdrawal made after it.
 */
public final class MarksAsOf {
    /** The code of a mark-history entry that records when a session's mark was withdrawn. */
    public static final String WITHDRAWN = "";

    private final ReadOnlyKeyValueStore<String, MarkCell> standing;
    private final ReadOnlyKeyValueStore<String, MarkCell> history;
    private final Instant at;

    public MarksAsOf(ReadOnlyKeyValueStore<String, MarkCell> standing, ReadOnlyKeyValueStore<String, MarkCell> history, Instant at) {
        this.standing = standing;
        this.history = history;
        this.at = at;
    }

    /** The sessions standing at the moment whose cell keys ({@code upn|date|session|urn}) lie from..to, in key order. */
    public List<KeyValue<String, MarkCell>> range(String from, String to) {
        Map<String, MarkCell> stood = new TreeMap<>();
        Map<String, MarkCell> byHistory = new TreeMap<>();
        // History keys are the cell key and the recording's time, so a cell's entries lie in the same key range.
        try (KeyValueIterator<String, MarkCell> it = history.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<String, MarkCell> kv = it.next();
                if (kv.value.getRecordedAt().isAfter(at)) continue;
                String cell = kv.key.substring(0, kv.key.lastIndexOf('|'));
                MarkCell was = byHistory.get(cell);
                if (was == null || !kv.value.getRecordedAt().isBefore(was.getRecordedAt())) byHistory.put(cell, kv.value);
            }
        }
        try (KeyValueIterator<String, MarkCell> it = standing.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<String, MarkCell> kv = it.next();
                if (!kv.value.getRecordedAt().isAfter(at)) stood.put(kv.key, kv.value); // standing then and since
            }
        }
        for (Map.Entry<String, MarkCell> e : byHistory.entrySet()) {
            // recorded again after the moment (or withdrawn after it): what stood then is history's latest by then
            if (!stood.containsKey(e.getKey()) && !WITHDRAWN.equals(e.getValue().getCode())) stood.put(e.getKey(), e.getValue());
        }
        List<KeyValue<String, MarkCell>> out = new ArrayList<>(stood.size());
        stood.forEach((k, v) -> out.add(KeyValue.pair(k, v)));
        return out;
    }
}
