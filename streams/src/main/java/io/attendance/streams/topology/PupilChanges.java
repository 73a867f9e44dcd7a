package io.attendance.streams.topology;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pupil-changes output: which pupils' figures changed (UPN → URN), for the pages' live updates.
 * A register burst changes a pupil many times a second; the notice goes out once a second (or as soon
 * as many pupils are waiting), in the same transaction as, or one after, the store writes it reports,
 * so a page that reads the pupil on seeing it already sees the change. Notices are not evidence: one
 * lost in a crash costs a page a refresh, never a count.
 */
final class PupilChanges {
    static final String SINK = "pupil-changes-sink";
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final int MOST_WAITING = 10_000;

    private final ProcessorContext<Object, Object> context;
    private final Map<String, String> waiting = new LinkedHashMap<>();

    PupilChanges(ProcessorContext<Object, Object> context) {
        this.context = context;
        context.schedule(EVERY, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    void changed(String upn, String urn) {
        waiting.put(upn, urn);
        if (waiting.size() >= MOST_WAITING) flush();
    }

    private void flush() {
        long ts = Math.max(0, context.currentStreamTimeMs());
        waiting.forEach((upn, urn) -> context.forward(new Record<>(upn, urn, ts), SINK));
        waiting.clear();
    }
}
