package io.attendance.streams.topology;

import io.attendance.contract.DeadLetters;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/** The contract's dead-letter headers for the record a processor is refusing, with where it was read. */
final class DeadLetterHeaders {
    private DeadLetterHeaders() {
    }

    static Headers of(Headers original, String reason, ProcessingContext context) {
        return DeadLetters.headers(original, reason,
                context.recordMetadata().map(m -> new DeadLetters.Origin(m.topic(), m.partition(), m.offset())));
    }
}
