package io.attendance.app;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.Contact;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Notifier tests' input, written as the case engine would: Hillside Academy (APWS), parents who
 * take post, and APWS stage 1's awareness letter (AL 1.1.0) requested on a pupil's case.
 */
final class LetterRequests {
    private static final Topics TOPICS = new Topics(new SingleObjectSerdes());
    static final String URN = "100002";

    private LetterRequests() {
    }

    static School hillside() {
        return School.newBuilder().setUrn(URN).setName("Hillside Academy").setLa("Northshire")
                .setPolicy("apws").setExpectedAttendancePct(96).setTerms(List.of()).setClosures(List.of()).build();
    }

    static Contact postedParent(String id, String name, List<String> addressLines, String postcode) {
        return Contact.newBuilder().setParentId(id).setName(name).setRelationship("parent").setAddressLines(addressLines).setPostcode(postcode)
                .setEmail(null).setLivesWithPupil(true).setParentalResponsibility(true).setPreferredChannel("post").build();
    }

    /** The pupil's first APWS case, event {@code sequence}: "AL 1.1.0" to the parents. */
    static CaseEvent awarenessLetter(String upn, int sequence) {
        String caseId = upn + "-" + URN + "-apws-1";
        return CaseEvent.newBuilder().setEventId(caseId + ":" + sequence).setCaseId(caseId).setUpn(upn).setUrn(URN)
                .setPolicy("apws").setPolicyVersion(1).setType(CaseEventType.LETTER_REQUESTED).setDate(LocalDate.of(2025, 9, 23))
                .setStage("stage-1-awareness").setLetterId("AL 1.1.0")
                .setLetterTitle("Making you aware of your child's attendance, with suggested improvements")
                .setFields(Map.of("letterTo", "parents")).build();
    }

    /** The event on the pupil's partition of {@code case-events} (six partitions), as the engine writes it. */
    static ProducerRecord<byte[], byte[]> record(CaseEvent e) {
        return record(e, null);
    }

    /** As {@link #record(CaseEvent)}, stamped {@code timestamp} (the engine stamps an event with its day end's time). */
    static ProducerRecord<byte[], byte[]> record(CaseEvent e, Long timestamp) {
        return new ProducerRecord<>(TOPICS.caseEvents.name(), PupilPartitioner.partitionOf(e.getUpn(), 6), timestamp,
                e.getUpn().getBytes(StandardCharsets.UTF_8), TOPICS.caseEvents.valueSerde().serializer().serialize(TOPICS.caseEvents.name(), e));
    }
}
