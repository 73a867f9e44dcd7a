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
    /** The LA's data protection lead: access logs, subject access exports, erasure. */
    public static final String DPO = "dpo", DPO_PASSWORD = "northshire-dpo";
    /** Riverside Primary's MIS posts marks with this key. */
    public static final String RIVERSIDE_MIS_KEY = "demo-riverside-mis-key";
    /** The LA-admin key of the demo when ATTENDANCE_ADMIN_KEY is not set, so README's curl tour works. */
    public static final String ADMIN_KEY = "demo-admin-key";

    private DemoAccounts() {
    }

    /** The passwords' hashes, fixed: a session is tied to its hash, so every demo instance must hold the same ones. */
    public static Accounts addTo(Accounts a) {
        a.addUser(OFFICER, "$2a$12$c1vhKg8xb3.XRuR1IOqhj.mtQOkHZvFmAuvobe5QvrN6FdQjdkFqe", new Principal(OFFICER, Role.LA_OFFICER, DemoLa.LA, null));
        a.addUser(SCHOOL, "$2a$12$E9sWJ3TCs8aeOdQZXz5JVOWaXEdYheg4KWbbiAUi41inALg3oTyyq", new Principal(SCHOOL, Role.SCHOOL_USER, null, "100001"));
        a.addUser(DPO, "$2a$12$3FM.jl8lR7d/dxjfpV0YTOYlnNoRW/X1jkfXVi4s0Z1uBOlNydOAm", new Principal(DPO, Role.LA_ADMIN, DemoLa.LA, null));
        a.addUser(VIEWER, "$2a$12$8QepPHySnWUp0zYh.5XxmezbY477mr6yWypZ7mYv2uQ7qvmPQ99re", new Principal(VIEWER, Role.VIEWER, DemoLa.LA, null));
        a.addKey(Accounts.sha256(RIVERSIDE_MIS_KEY), new Principal("riverside-mis", Role.MIS, null, "100001"));
        return a;
    }
}
