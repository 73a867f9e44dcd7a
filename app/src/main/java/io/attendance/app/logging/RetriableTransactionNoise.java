package io.attendance.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * With transactions v2 (KIP-890) the embedded broker rejects the first batch of a new transaction
 * on a partition with a retriable OutOfOrderSequence error and logs it at ERROR; the producer retries
 * and succeeds (KAFKA-18202). Dropping exactly those lines keeps real broker errors visible.
 */
public final class RetriableTransactionNoise extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t instanceof OutOfOrderSequenceException && logger.getName().equals("kafka.server.ReplicaManager")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
