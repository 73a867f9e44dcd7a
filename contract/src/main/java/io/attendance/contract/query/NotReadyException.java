package io.attendance.contract.query;

/** The streams app cannot answer yet (starting, rebalancing, restoring): try again shortly. */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
