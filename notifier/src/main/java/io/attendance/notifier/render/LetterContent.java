package io.attendance.notifier.render;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything printed on one letter to one recipient: the LA's letterhead, the address block,
 * the date and references, the title, the body rendered from the policy's template, the signature.
 */
public record LetterContent(Letterhead letterhead, String recipientName, List<String> recipientAddress,
                            LocalDate dated, String letterRef, String letterNumber, String title,
                            String pupilName, String schoolName, String body) {
}
