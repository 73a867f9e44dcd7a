package io.attendance.api.cases;

import io.attendance.schemas.Letter;

/** What the notifier recorded of one letter to one parent (its PDF is at {@code pdf}). */
public record LetterView(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.LetterIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.LetterIdIn.class) String letterId, String letter, String title, String parentId, String recipient, String channel, String status,
                         String dated, String producedAt, String sentAt, String providerReference, String contentHash, int attempts,
                         String failure, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.LetterLinkOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.LetterLinkIn.class) String pdf) {

    public static LetterView of(Letter l) {
        return new LetterView(l.getLetterId(), l.getLetterRef(), l.getTitle(), l.getParentId(), l.getRecipient(), l.getChannel(),
                l.getStatus().name(), CaseSummary.str(l.getDated()), l.getProducedAt().toString(), CaseSummary.str(l.getSentAt()),
                l.getProviderReference(), l.getContentHash(), l.getAttempts(), l.getFailure(),
                l.getPdf().remaining() == 0 ? null : "/api/v1/letters/" + l.getLetterId() + ".pdf");
    }
}
