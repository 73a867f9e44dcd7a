package io.attendance.core.courtpack;

import java.time.Instant;

/**
 * One recording of a session's mark: the code, when the school recorded it, and who (as the mark said:
 * api:&lt;account&gt;, csv:&lt;account&gt;, mis:&lt;name&gt;, demo; null when not known).
 */
public record Recording(String code, Instant recordedAt, String recordedBy) {
    public Recording(String code, Instant recordedAt) {
        this(code, recordedAt, null);
    }
}
