package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Embedded brokers and service instances for end-to-end tests, each under target/ with its own ids. */
final class TestNodes {
    private TestNodes() {
    }

    /** The LA-admin key every test node accepts (as ATTENDANCE_ADMIN_KEY would give it). */
    static final String ADMIN_KEY = "test-admin-key";
    /** The admin key and the demo's accounts (one per role, README's passwords), sessions signed with a fixed secret. */
    static final NodeSettings.Access ACCESS = new NodeSettings.Access(io.attendance.app.demo.DemoAccounts.addTo(
            io.attendance.api.auth.Accounts.none().withAdminKey(ADMIN_KEY)), "test-session-secret-0123456789", true);

    static Path scratch(String name) {
        return Path.of("target", "e2e", name + "-" + UUID.randomUUID());
    }

    static EmbeddedBroker broker(String name) {
        return EmbeddedBroker.start(scratch(name), 0);
    }

    static AttendanceNode node(EmbeddedBroker broker, String applicationId, String name) {
        return new AttendanceNode(new NodeSettings(broker.bootstrapServers(), applicationId,
                scratch(name).resolve("streams"), "localhost", 0, 6, (short) 1, 0, List.of(6, 10), null, 1, 1000, null, 0, true, TestNodes.ACCESS)).start();
    }

    /** The Riverside calendar as PUT /api/v1/schools takes it: autumn 2025, half-term 27–31 Oct, INSET 3 Nov. */
    static final String RIVERSIDE_JSON = """
            {"name": "Riverside Primary School", "la": "Northshire", "policy": "norfolk-quick-guide",
             "expectedAttendancePct": 96,
             "terms": [{"start": "2025-09-03", "end": "2025-10-24"}, {"start": "2025-11-03", "end": "2025-12-19"}],
             "closures": ["2025-11-03"]}
            """;
}
