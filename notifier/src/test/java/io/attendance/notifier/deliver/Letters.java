package io.attendance.notifier.deliver;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** A small outgoing letter for channel tests (its "PDF" bytes are checked end to end, not parsed). */
final class Letters {
    static final byte[] PDF = "%PDF-1.7 test letter body".getBytes(StandardCharsets.US_ASCII);

    static OutgoingLetter toClaire() {
        return toClaire("Invitation to a meeting in school about your child's attendance", "Claire Taylor");
    }

    /** The same letter with another title and recipient name, e.g. ones carrying line breaks. */
    static OutgoingLetter toClaire(String title, String recipientName) {
        return new OutgoingLetter("E801200125001-100001-apws-1:4:p1", "0A1B2C3D4E5F", "AL 1.2.0", title, "E801200125001-100001-apws-1",
                "Riverside Primary School", "Northshire County Council", recipientName,
                List.of("12 Mill Lane", "Northtown", "NR1 2AB"), "claire.taylor@example.com", LocalDate.of(2025, 11, 3), PDF);
    }
}
