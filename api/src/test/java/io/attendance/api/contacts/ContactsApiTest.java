package io.attendance.api.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.contract.Publisher;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PUT /api/v1/pupils/{upn}/contacts: every parent of a pupil, checked before anything is stored. */
class ContactsApiTest {
    private final List<PupilContacts> published = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final Publisher publisher = new Publisher() {
        @Override
        public void publishMarks(List<RegisterMark> marks) {
        }

        @Override
        public void publishSchool(School school) {
        }

        @Override
        public void publishCaseAction(io.attendance.schemas.CaseAction action) {
        }

        @Override
        public void publishContacts(PupilContacts contacts) {
            published.add(contacts);
        }

        @Override
        public void publishRollChange(io.attendance.schemas.RollChange change) {
        }

        @Override
        public void publishAccess(io.attendance.schemas.AccessEvent read) {
        }

        @Override
        public void removeContacts(String upn) {
            removed.add(upn);
        }

        @Override
        public void publishErasure(io.attendance.schemas.ErasureRequest erasure) {
        }
    };

    private static final String OFFICER_KEY = "officer-key", SCHOOL_KEY = "school-key";
    private static final java.util.function.Consumer<io.javalin.testtools.Request.Builder> OFFICER = r -> r.header("Authorization", "Bearer " + OFFICER_KEY);

    private Javalin app() {
        ContactsController c = new ContactsController(publisher, new ObjectMapper(), (ctx, upn) -> false);
        io.attendance.api.auth.Accounts accounts = io.attendance.api.auth.Accounts.none()
                .addKey(io.attendance.api.auth.Accounts.sha256(OFFICER_KEY), new io.attendance.api.auth.Principal("o", io.attendance.api.auth.Role.LA_OFFICER, "Northshire", null))
                .addKey(io.attendance.api.auth.Accounts.sha256(SCHOOL_KEY), new io.attendance.api.auth.Principal("s", io.attendance.api.auth.Role.SCHOOL_USER, null, "100001"));
        io.attendance.api.auth.Access access = new io.attendance.api.auth.Access(accounts,
                io.attendance.api.auth.SessionTokens.of(null, java.time.Duration.ofHours(1)), null, true, java.time.Clock.systemUTC());
        return Javalin.create(config -> {
            config.routes.before(access::before);
            config.routes.put("/api/v1/pupils/{upn}/contacts", c::put);
            config.routes.delete("/api/v1/pupils/{upn}/contacts", c::delete);
            config.routes.exception(io.attendance.api.ApiError.class, (e, ctx) -> ctx.status(e.status()).result(e.getMessage()));
        });
    }

    @Test
    void a_school_user_cannot_change_parents_contact_details_and_nothing_is_stored() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/E801200125001/contacts", "{\"pupilName\": \"Sam Taylor\", \"parents\": []}",
                    r -> r.header("Authorization", "Bearer " + SCHOOL_KEY));
            assertThat(res.code()).isEqualTo(403);
            assertThat(res.body().string()).contains("may not change parents' contact details");
            assertThat(client.put("/api/v1/pupils/E801200125001/contacts", "{}").code()).as("no credentials").isEqualTo(401);
            assertThat(published).isEmpty();
        });
    }

    @Test
    void a_mother_at_home_and_a_father_out_of_county_are_stored_as_the_pupils_parents() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/E801200125001/contacts", """
                    {"pupilName": "Sam Taylor", "parents": [
                      {"parentId": "p1", "name": "Claire Taylor", "relationship": "mother", "addressLines": ["12 Mill Lane", "Northtown"],
                       "postcode": "NR1 2AB", "email": "claire.taylor@example.com", "livesWithPupil": true, "preferredChannel": "email"},
                      {"parentId": "p3", "name": "Mark Taylor", "relationship": "father", "addressLines": ["4 Harbour Road", "Bristol"],
                       "postcode": "bs1 4dj", "livesWithPupil": false, "preferredChannel": "post"}]}
                    """, OFFICER);
            assertThat(res.code()).isEqualTo(200);
            assertThat(res.body().string()).contains("\"upn\":\"E801200125001\"", "\"parents\":2");
        });
        assertThat(published).singleElement().satisfies(c -> {
            assertThat(c.getPupilName()).isEqualTo("Sam Taylor");
            assertThat(c.getParents()).extracting(p -> p.getParentId() + "/" + p.getLivesWithPupil()).containsExactly("p1/true", "p3/false");
        });
    }

    @Test
    void each_problem_is_named_by_parent_and_field_and_nothing_is_stored() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/E801200125001/contacts", """
                    {"pupilName": "Sam Taylor", "parents": [
                      {"parentId": "p1", "name": "Claire Taylor", "relationship": "mother", "addressLines": ["12 Mill Lane"],
                       "postcode": "NR1 2AB", "preferredChannel": "post"},
                      {"parentId": "p2", "name": "Dan Hughes", "relationship": "step-parent", "addressLines": ["12 Mill Lane"],
                       "postcode": "NR1 ZZZ", "email": "dan.hughes@", "preferredChannel": "post"},
                      {"parentId": "p3", "name": "Mark Taylor", "relationship": "father", "preferredChannel": "email"}]}
                    """, OFFICER);
            assertThat(res.code()).isEqualTo(400);
            String body = res.body().string();
            assertThat(body).contains("\"parent\":2,\"field\":\"postcode\",\"error\":\"'NR1 ZZZ' is not a UK postcode\"",
                    "\"parent\":2,\"field\":\"email\",\"error\":\"'dan.hughes@' is not an email address\"",
                    "\"parent\":3,\"field\":\"\",\"error\":\"no address and no email: every parent needs at least one way to be reached\"");
            assertThat(body).doesNotContain("\"parent\":1,");
        });
        assertThat(published).isEmpty();
    }

    @Test
    void an_invalid_upn_is_refused() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/A801200125002/contacts", "{\"pupilName\": \"Sam\", \"parents\": []}", OFFICER);
            assertThat(res.code()).isEqualTo(400);
            assertThat(res.body().string()).contains("\"field\":\"upn\"", "\"field\":\"parents\",\"error\":\"at least one parent is required\"");
        });
    }

    @Test
    void a_parent_name_with_a_line_break_is_refused_by_parent_and_field_and_nothing_is_stored() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/E801200125001/contacts", """
                    {"pupilName": "Sam Taylor", "parents": [
                      {"parentId": "p1", "name": "Claire Taylor\\n## FINAL NOTICE", "relationship": "mother", "addressLines": ["12 Mill Lane"],
                       "postcode": "NR1 2AB", "preferredChannel": "post"}]}
                    """, OFFICER);
            assertThat(res.code()).isEqualTo(400);
            assertThat(res.body().string()).contains("\"parent\":1,\"field\":\"name\",\"error\":\"must be one line: it contains a line break at character 14\"");
        });
        assertThat(published).isEmpty();
    }

    @Test
    void a_parent_without_an_id_name_or_relationship_is_named_field_by_field_not_a_server_error() {
        JavalinTest.test(app(), (server, client) -> {
            var res = client.put("/api/v1/pupils/E801200125001/contacts", """
                    {"pupilName": "Sam Taylor", "parents": [{"addressLines": ["12 Mill Lane"], "postcode": "NR1 2AB"}, 1]}
                    """, OFFICER);
            assertThat(res.code()).isEqualTo(400);
            assertThat(res.body().string()).contains("\"parent\":1,\"field\":\"parentId\"", "\"parent\":1,\"field\":\"name\",\"error\":\"is required\"",
                    "\"parent\":1,\"field\":\"relationship\"", "\"parent\":2,\"field\":\"\",\"error\":\"must be an object");
        });
        assertThat(published).isEmpty();
    }

    @Test
    void parents_removed_by_the_la_are_a_tombstone_and_a_school_may_not_remove_them() {
        JavalinTest.test(app(), (server, client) -> {
            var school = client.request("/api/v1/pupils/E801200125001/contacts", r -> r.delete(java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + SCHOOL_KEY));
            assertThat(school.code()).isEqualTo(403);
            assertThat(removed).isEmpty();
            var bad = client.request("/api/v1/pupils/E80120012500/contacts", r -> {
                r.delete(java.net.http.HttpRequest.BodyPublishers.noBody());
                OFFICER.accept(r);
            });
            assertThat(bad.code()).isEqualTo(400);
            var res = client.request("/api/v1/pupils/E801200125001/contacts", r -> {
                r.delete(java.net.http.HttpRequest.BodyPublishers.noBody());
                OFFICER.accept(r);
            });
            assertThat(res.code()).isEqualTo(204);
        });
        assertThat(removed).containsExactly("E801200125001");
    }
}
