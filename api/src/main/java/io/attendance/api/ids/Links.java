package io.attendance.api.ids;

/** The pages' links to cases, pupils, letters and court packs: by reference, never by id or UPN. */
public final class Links {
    private final OpaqueIds ids;

    public Links(OpaqueIds ids) {
        this.ids = ids;
    }

    public String casePage(String caseId) {
        return "/cases/" + ids.ref(OpaqueIds.Kind.CASE, caseId);
    }

    public String pupilPage(String upn) {
        return "/pupils/" + ids.ref(OpaqueIds.Kind.PUPIL, upn);
    }

    /** A case's file as the services give it ("/api/v1/cases/{caseId}/court-pack.pdf"), by reference. */
    public String caseFile(String path) {
        return path == null ? null : RefJson.CASE_LINK.out(ids, path);
    }

    /** A letter's PDF as the services give it ("/api/v1/letters/{letterId}.pdf"), by reference. */
    public String letterFile(String path) {
        return path == null ? null : RefJson.LETTER_LINK.out(ids, path);
    }

    /** The pupil a page's reference names; empty for one this deployment did not issue. */
    public java.util.Optional<String> upnOfPage(String ref) {
        return ids.id(OpaqueIds.Kind.PUPIL, ref);
    }
}
