package io.attendance.notifier;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sam Taylor at Riverside Primary (Northshire): mother and stepfather at one address, and a
 * father who lives out of county. All three are parents under s576 and each gets a letter.
 */
final class Family {
    static final String UPN = "E801200125001";
    static final String URN = "100001";

    static final Contact MOTHER = contact("p1", "Claire Taylor", "mother", List.of("12 Mill Lane", "Northtown"), "NR1 2AB",
            "claire.taylor@example.com", true, "email");
    static final Contact STEPFATHER = contact("p2", "Dan Hughes", "step-parent", List.of("12 Mill Lane", "Northtown"), "NR1 2AB",
            null, true, "post");
    static final Contact FATHER = contact("p3", "Mark Taylor", "father", List.of("4 Harbour Road", "Bristol"), "BS1 4DJ",
            null, false, "email");

    static School school() {
        return School.newBuilder().setUrn(URN).setName("Riverside Primary School").setLa("Northshire")
                .setPolicy("norfolk-quick-guide").setExpectedAttendancePct(96).setTerms(List.of()).setClosures(List.of()).build();
    }

    static PupilContacts contacts(Contact... parents) {
        return PupilContacts.newBuilder().setUpn(UPN).setPupilName("Sam Taylor").setParents(List.of(parents)).build();
    }

    static Contact contact(String id, String name, String relationship, List<String> lines, String postcode, String email,
                           boolean livesWith, String preferred) {
        return Contact.newBuilder().setParentId(id).setName(name).setRelationship(relationship).setAddressLines(lines)
                .setPostcode(postcode).setEmail(email).setLivesWithPupil(livesWith).setParentalResponsibility(true)
                .setPreferredChannel(preferred).build();
    }

    /** The quick guide's "Fast Track invite", asked for on Monday 3 November 2025 for a meeting a week later. */
    static CaseEvent fastTrackInvite() {
        Map<String, String> fields = new HashMap<>();
        fields.put("meetingDate", "2025-11-10");
        fields.put("meetingTime", "09:30");
        fields.put("place", "Riverside Primary School, meeting room 2");
        fields.put("attendees", "Mrs A Patel (headteacher) and Mr J Brown (attendance officer)");
        fields.put("letterTo", "parents");
        return letterEvent("norfolk-quick-guide", "Fast Track invite", "Invitation to a Fast Track meeting", LocalDate.of(2025, 11, 3), fields);
    }

    static CaseEvent letterEvent(String policy, String ref, String title, LocalDate date, Map<String, String> fields) {
        String caseId = UPN + "-" + URN + "-" + policy + "-1";
        return CaseEvent.newBuilder().setEventId(caseId + ":7").setCaseId(caseId).setUpn(UPN).setUrn(URN).setPolicy(policy)
                .setPolicyVersion(1).setType(CaseEventType.LETTER_REQUESTED).setDate(date).setStage("meeting-invited")
                .setLetterId(ref).setLetterTitle(title).setFields(fields).build();
    }
}
