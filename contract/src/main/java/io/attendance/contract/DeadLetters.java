package io.attendance.contract;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

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

    /** Where a refused record was read: a topology's record metadata or a consumer record's. */
    public record Origin(String topic, int partition, long offset) {
    }

    public static Headers headers(Headers original, String reason, Optional<Origin> from) {
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
