package io.attendance.api.ids;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pages' links to cases, pupils, letters and court packs: by reference, never by id or UPN. */
public final class Links {
    private static final Pattern CASE_FILE = Pattern.compile("(.*/cases/)([^/?]+)(.*)");
    private static final Pattern LETTER_FILE = Pattern.compile("(.*/letters/)([^/?]+)(\\.pdf)");
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
        return swap(CASE_FILE, path, OpaqueIds.Kind.CASE);
    }

    /** A letter's PDF as the services give it ("/api/v1/letters/{letterId}.pdf"), by reference. */
    public String letterFile(String path) {
        return swap(LETTER_FILE, path, OpaqueIds.Kind.LETTER);
    }

    private String swap(Pattern p, String path, OpaqueIds.Kind kind) {
        if (path == null) return null;
        Matcher m = p.matcher(path);
        return m.matches() ? m.group(1) + ids.ref(kind, m.group(2)) + m.group(3) : path;
    }

    public OpaqueIds ids() {
        return ids;
    }
}
