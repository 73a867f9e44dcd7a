package io.attendance.api.auth;

import io.attendance.schemas.School;

/**
 * The caller of a request, and what it may see: the LA's schools (by the school's {@code la}) or
 * one school (by URN). Out-of-scope data is answered as not found, so its existence is not shown.
 *
 * @param la  the LA whose schools an LA officer or LA viewer sees (null otherwise)
 * @param urn the one school a school user, school viewer or MIS key sees (null otherwise)
 */
public record Principal(String name, Role role, String la, String urn) {
    public static final Principal ADMIN = new Principal("admin-key", Role.ADMIN, null, null);

    public Principal {
        if (role == null) throw new IllegalArgumentException("role: is required");
        boolean needsUrn = role == Role.SCHOOL_USER || role == Role.MIS;
        boolean needsLa = role == Role.LA_OFFICER || role == Role.LA_ADMIN;
        if (needsUrn && (urn == null || urn.isBlank())) throw new IllegalArgumentException("urn: a " + role.configName() + " account names its school");
        if (needsLa && (la == null || la.isBlank())) throw new IllegalArgumentException("la: an " + role.configName() + " account names its LA");
        if (role == Role.VIEWER && (la == null) == (urn == null)) {
            throw new IllegalArgumentException("la or urn: a viewer sees either an LA or one school");
        }
    }

    /** May this caller see this school and its pupils? A school not known is seen by nobody but the admin key. */
    public boolean sees(String schoolUrn, School school) {
        if (role == Role.ADMIN) return true;
        if (urn != null) return urn.equals(schoolUrn);
        return school != null && la.equalsIgnoreCase(school.getLa());
    }

    /** May this caller read this school's data (an MIS key reads nothing, whatever its school)? */
    public boolean reads(String schoolUrn, School school) {
        return mayRead() && sees(schoolUrn, school);
    }

    /** Records actions on cases and opens them (within scope). */
    public boolean mayRecord() {
        return role == Role.LA_OFFICER || role == Role.LA_ADMIN || role == Role.SCHOOL_USER || role == Role.ADMIN;
    }

    /** Posts register marks (within scope). */
    public boolean mayPostMarks() {
        return role != Role.VIEWER;
    }

    /** Maintains schools and contacts: the LA's own work. */
    public boolean mayAdminister() {
        return laStaff();
    }

    /** An LA's own staff or automation (not a school, a viewer or an MIS). */
    private boolean laStaff() {
        return role == Role.LA_OFFICER || role == Role.LA_ADMIN || role == Role.ADMIN;
    }

    /** Exports everything held about a pupil (a subject access request): the LA's staff. */
    public boolean mayExport() {
        return laStaff();
    }

    /** Reads who read a pupil's data, and erases a pupil: the LA's data protection lead (or its automation). */
    public boolean mayAudit() {
        return role == Role.LA_ADMIN || role == Role.ADMIN;
    }

    /** Reads anything at all besides posting marks (an MIS key reads nothing). */
    public boolean mayRead() {
        return role != Role.MIS;
    }

    public String describe() {
        return role.configName() + (urn != null ? " of school " + urn : la != null ? " of " + la : "");
    }
}
