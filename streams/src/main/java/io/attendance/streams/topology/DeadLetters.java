package io.attendance.streams.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Headers carried by every dead-letter record: why it was refused and where it came from. */
public final class DeadLetters {
    public static final String REASON = "dlq.reason";
    public static final String TOPIC = "dlq.topic";
    public static final String PARTITION = "dlq.partition";
    public static final String OFFSET = "dlq.offset";

    private DeadLetters() {
    }

    public static Headers headers(Headers original, String reason, Optional<RecordMetadata> from) {
        Headers h = new RecordHeaders(original.toArray());
        h.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        from.ifPresent(m -> {
            h.add(TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
            h.add(PARTITION, Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
            h.add(OFFSET, Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        return h;
    }

    public static String reasonOf(Headers headers) {
        var h = headers.lastHeader(REASON);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
