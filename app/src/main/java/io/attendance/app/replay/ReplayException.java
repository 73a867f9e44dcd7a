package io.attendance.app.replay;

/** Input a replay cannot run on (unreadable file, wrong header, bad schools file): exit 1 with this message. */
public final class ReplayException extends RuntimeException {
    ReplayException(String message) {
        super(message);
    }
}
