package io.attendance.streams.topology;

/**
 * Sent by the mark processor to the case processor before each mark: marks have reached this
 * record time, so every day that ended before it can now be closed (its tick applied).
 */
record MarksAdvanced(long timestamp) {
}
