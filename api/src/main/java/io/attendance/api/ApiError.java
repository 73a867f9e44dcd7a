package io.attendance.api;

/** A request that cannot be answered as asked: the status and a message safe to show. */
public class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
