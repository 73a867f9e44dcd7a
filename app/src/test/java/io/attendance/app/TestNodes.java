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
    /** An LA officer of another LA (Southshire), and the MIS key of its school Southbank (200001). */
    static final String OTHER_LA_OFFICER = "southshire-officer", OTHER_LA_PASSWORD = "southshire-officer-pw";
    static final String OTHER_SCHOOL_MIS_KEY = "southbank-mis-key";
    /** The admin key and the demo's accounts (one per role, README's passwords), sessions signed with a fixed secret. */
    static final NodeSettings.Access ACCESS = new NodeSettings.Access(io.attendance.app.demo.DemoAccounts.addTo(
            io.attendance.api.auth.Accounts.none().withAdminKey(ADMIN_KEY))
            .addUser(OTHER_LA_OFFICER, io.attendance.api.auth.Accounts.hashPassword(OTHER_LA_PASSWORD),
                    new io.attendance.api.auth.Principal(OTHER_LA_OFFICER, io.attendance.api.auth.Role.LA_OFFICER, "Southshire", null))
            .addKey(io.attendance.api.auth.Accounts.sha256(OTHER_SCHOOL_MIS_KEY),
                    new io.attendance.api.auth.Principal("southbank-mis", io.attendance.api.auth.Role.MIS, null, "200001")),
            "test-session-secret-0123456789-abcdef", true);

    /** What URLs call cases and pupils on nodes signed with {@link #ACCESS}'s secret (as every instance derives it). */
    static final io.attendance.api.ids.OpaqueIds IDS = new io.attendance.api.ids.OpaqueIds(
            io.attendance.api.auth.SessionTokens.of("test-session-secret-0123456789-abcdef", java.time.Duration.ofHours(1)).derive("opaque ids"));

    /** A case's reference, for a test that knows the case it means by its id (upn-urn-family-n). */
    static String caseRef(String caseId) {
        return IDS.ref(io.attendance.api.ids.OpaqueIds.Kind.CASE, caseId);
    }

    /** The case id behind a reference an answer gave. */
    static String caseIdOf(String ref) {
        return IDS.id(io.attendance.api.ids.OpaqueIds.Kind.CASE, ref).orElseThrow(() -> new AssertionError("not a case reference: " + ref));
    }

    /** The letter id behind a reference an answer gave. */
    static String letterIdOf(String ref) {
        return IDS.id(io.attendance.api.ids.OpaqueIds.Kind.LETTER, ref).orElseThrow(() -> new AssertionError("not a letter reference: " + ref));
    }

    /** A pupil's page. */
    static String pupilPage(String upn) {
        return "/pupils/" + IDS.ref(io.attendance.api.ids.OpaqueIds.Kind.PUPIL, upn);
    }

    static Path scratch(String name) {
        return Path.of("target", "e2e", name + "-" + UUID.randomUUID());
    }

    static EmbeddedBroker broker(String name) {
        return EmbeddedBroker.start(scratch(name), 0);
    }

    static AttendanceNode node(EmbeddedBroker broker, String applicationId, String name) {
        return new AttendanceNode(new NodeSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), applicationId,
                scratch(name).resolve("streams"), "localhost", 0, 6, (short) 1, 0, List.of(6, 10), null, 1, 1000, null, 0, true, TestNodes.ACCESS)).start();
    }

    /** The Riverside calendar as PUT /api/v1/schools takes it: autumn 2025, half-term 27–31 Oct, INSET 3 Nov. */
    static final String RIVERSIDE_JSON = """
            {"name": "Riverside Primary School", "la": "Northshire", "policy": "norfolk-quick-guide",
             "expectedAttendancePct": 96,
             "terms": [{"start": "2025-09-03", "end": "2025-10-24"}, {"start": "2025-11-03", "end": "2025-12-19"}],
             "closures": ["2025-11-03"]}
            """;

    /** Riverside (100001) and Marshside (100003) of Northshire, Southbank (200001) of Southshire: scope tests' schools. */
    static void putTwoLas(Http admin) {
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/schools/100001", RIVERSIDE_JSON).status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/schools/100003",
                RIVERSIDE_JSON.replace("Riverside Primary School", "Marshside Primary")).status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/schools/200001", RIVERSIDE_JSON.replace("Riverside Primary School", "Southbank School")
                .replace("Northshire", "Southshire").replace("norfolk-quick-guide", "national-penalty-notice")).status()).isEqualTo(200);
    }

    /** A day of unauthorised absence (O, both sessions) posted by the admin key: 202. */
    static void absent(Http admin, String upn, String urn, String date) {
        Http.Response r = admin.post("/api/v1/marks", "application/json", """
                [{"upn": "%1$s", "urn": "%2$s", "date": "%3$s", "session": "AM", "code": "O", "recordedAt": "%3$sT09:10:00Z"},
                 {"upn": "%1$s", "urn": "%2$s", "date": "%3$s", "session": "PM", "code": "O", "recordedAt": "%3$sT13:40:00Z"}]
                """.formatted(upn, urn, date));
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(202);
    }
}
