package io.attendance.core.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one place a case's identifiers are built and read back. A case id is
 * {@code upn-urn-family-n} (the pupil's n-th case under one procedure family at one school); it starts
 * with the UPN (13 characters) because that is how a request finds the instance that owns the pupil.
 * The index key {@code upn|urn|family} finds the pupil's open and last case of a family. An event id is
 * {@code caseId:sequence}; a letter id is the event id and the parent: {@code caseId:sequence:parentId}.
 */
public final class CaseKeys {
    private static final int UPN_LENGTH = 13;

    private CaseKeys() {
    }

    public static String caseId(String upn, String urn, String family, int n) {
        return upn + '-' + urn + '-' + family + '-' + n;
    }

    public static String indexKey(String upn, String urn, String family) {
        return upn + '|' + urn + '|' + family;
    }

    public static String eventId(String caseId, long sequence) {
        return caseId + ':' + sequence;
    }

    public static String letterId(String eventId, String parentId) {
        return eventId + ':' + parentId;
    }

    /** The pupil a case id belongs to; empty when the text cannot be a case id. */
    public static Optional<String> upnOf(String caseId) {
        if (caseId == null || caseId.length() < UPN_LENGTH + 2 || caseId.charAt(UPN_LENGTH) != '-') return Optional.empty();
        return Optional.of(caseId.substring(0, UPN_LENGTH));
    }

    /** The procedure family of a case id: what lies between the URN and the count (a family may hold '-'). */
    public static String familyOf(String caseId) {
        String[] p = caseId.split("-");
        return String.join("-", Arrays.copyOfRange(p, 2, p.length - 1));
    }

    /** The case a letter id belongs to; empty when the text cannot be a letter id. */
    public static Optional<String> caseIdOfLetter(String letterId) {
        int colon = letterId == null ? -1 : letterId.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(letterId.substring(0, colon));
    }
}
