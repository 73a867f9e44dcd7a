package io.attendance.notifier.deliver;

import java.time.LocalDate;
import java.util.List;

/** One produced letter ready for its channel: who it is for, how to reach them, and the PDF. */
public record OutgoingLetter(String letterId, String letterNumber, String letterRef, String title, String caseId,
                             String schoolName, String laName, String recipientName, List<String> address,
                             String email, LocalDate dated, byte[] pdf) {
}
