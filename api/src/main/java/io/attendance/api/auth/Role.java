package io.attendance.api.auth;

import java.util.Locale;

/** Who an account or key is, as the LA's procedures see staff and systems. */
public enum Role {
    /** An LA attendance officer: every school of the LA, may record actions and open cases. */
    LA_OFFICER("la-officer"),
    /**
     * The LA's data protection lead or system administrator: everything an LA officer may, plus who
     * read a pupil's data (the access log) and erasure.
     */
    LA_ADMIN("la-admin"),
    /** A school attendance lead: that school's pupils and cases only. */
    SCHOOL_USER("school"),
    /** Reads the LA (or one school) and records nothing. */
    VIEWER("viewer"),
    /** A school's MIS: may post marks for its own school and nothing else. */
    MIS("mis"),
    /** The LA's automation (ATTENDANCE_ADMIN_KEY): everything, every school. */
    ADMIN("admin");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Role fromConfig(String name) {
        for (Role r : values()) if (r.configName.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) return r;
        throw new IllegalArgumentException("'" + name + "' is not a role: la-officer, la-admin, school, viewer, mis or admin");
    }
}
