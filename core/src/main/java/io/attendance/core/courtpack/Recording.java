package io.attendance.core.courtpack;

import java.time.Instant;

/** One recording of a session's mark: the code, and when the school recorded it. */
public record Recording(String code, Instant recordedAt) {
}
