package io.attendance.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsTest {
    @Test
    void an_unknown_username_is_checked_against_a_hash_as_costly_as_the_users_own(@TempDir Path dir) throws IOException {
        // Two users at cost 11, one at 5: a wrong name must cost what most users' wrong passwords cost.
        String jo = hash(11, "jo-secret"), sam = hash(11, "sam-secret"), old = hash(5, "old-secret");
        Path file = dir.resolve("accounts.yaml");
        Files.writeString(file, """
                users:
                  - {username: jo, passwordHash: "%s", role: la-officer, la: Northshire}
                  - {username: sam, passwordHash: "%s", role: school, urn: "100001"}
                  - {username: old, passwordHash: "%s", role: viewer, la: Northshire}
                """.formatted(jo, sam, old));
        Accounts accounts = Accounts.fromFile(file);

        assertThat(costOf(new String(accounts.dummyHash(), StandardCharsets.US_ASCII))).isEqualTo(costOf(jo)).isEqualTo(11);
        assertThat(accounts.signIn("nobody", "jo-secret")).isEmpty();
        assertThat(accounts.signIn("jo", "jo-secret")).isPresent();
    }

    @Test
    void without_users_the_unknown_name_check_costs_what_a_new_password_hash_costs() {
        assertThat(costOf(new String(Accounts.none().dummyHash(), StandardCharsets.US_ASCII))).isEqualTo(costOf(Accounts.hashPassword("x")));
    }

    private static String hash(int cost, String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** The NN of {@code $2a$NN$...}. */
    private static int costOf(String bcrypt) {
        assertThat(bcrypt).matches("\\$2[aby]\\$\\d\\d\\$.{53}");
        return Integer.parseInt(bcrypt.split("\\$")[2]);
    }

    @Test
    void a_urn_or_username_yaml_reads_as_a_number_or_boolean_is_refused_with_how_to_quote_it(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("accounts.yaml");
        java.nio.file.Files.writeString(f, """
                users:
                  - {username: no, passwordHash: "%1$s", role: la-officer, la: Northshire}
                  - {username: "riverside", passwordHash: "%1$s", role: school, urn: 012345}
                """.formatted(Accounts.hashPassword("x")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Accounts.fromFile(f))
                .hasMessageContaining("users[0].username: YAML read this as boolean, not text: put it in quotes")
                .hasMessageContaining("users[1].urn: YAML read this as number, not text");
    }
}
