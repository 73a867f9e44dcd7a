package io.attendance.app.demo;

import io.attendance.api.auth.Accounts;
import io.attendance.api.auth.Principal;
import io.attendance.api.auth.Role;

/**
 * One account per role for the demo LA, listed in README. Fictional, and only ever added when the
 * demo runs: a real deployment's accounts come from its accounts file.
 */
public final class DemoAccounts {
    public static final String OFFICER = "officer", OFFICER_PASSWORD = "northshire-officer";
    public static final String SCHOOL = "riverside", SCHOOL_PASSWORD = "riverside-lead";
    public static final String VIEWER = "viewer", VIEWER_PASSWORD = "northshire-viewer";
    /** Riverside Primary's MIS posts marks with this key. */
    public static final String RIVERSIDE_MIS_KEY = "demo-riverside-mis-key";
    /** The LA-admin key of the demo when ATTENDANCE_ADMIN_KEY is not set, so README's curl tour works. */
    public static final String ADMIN_KEY = "demo-admin-key";

    private DemoAccounts() {
    }

    public static Accounts addTo(Accounts a) {
        a.addUser(OFFICER, Accounts.hashPassword(OFFICER_PASSWORD), new Principal(OFFICER, Role.LA_OFFICER, DemoLa.LA, null));
        a.addUser(SCHOOL, Accounts.hashPassword(SCHOOL_PASSWORD), new Principal(SCHOOL, Role.SCHOOL_USER, null, "100001"));
        a.addUser(VIEWER, Accounts.hashPassword(VIEWER_PASSWORD), new Principal(VIEWER, Role.VIEWER, DemoLa.LA, null));
        a.addKey(Accounts.sha256(RIVERSIDE_MIS_KEY), new Principal("riverside-mis", Role.MIS, null, "100001"));
        return a;
    }
}
