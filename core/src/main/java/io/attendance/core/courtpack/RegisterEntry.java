package io.attendance.core.courtpack;

import java.time.LocalDate;
import java.util.List;

/**
 * One session of a pupil's register as it stands, with the recordings it replaced (oldest first):
 * court packs are challenged on amendments, so the original code and when it was recorded are shown.
 *
 * @param session  "AM" or "PM"
 * @param standing the mark that stands, or null when the school withdrew the session's mark (retracted)
 */
public record RegisterEntry(LocalDate date, String session, String urn, Recording standing, List<Recording> earlier) {
    public RegisterEntry {
        earlier = List.copyOf(earlier);
    }

    public boolean amended() {
        return !earlier.isEmpty();
    }

    /** The session's mark was withdrawn: it counts in no figure, and its earlier recordings are shown. */
    public boolean retracted() {
        return standing == null;
    }
}
