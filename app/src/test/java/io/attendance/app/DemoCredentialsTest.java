package io.attendance.app;

import io.attendance.api.auth.Accounts;
import io.attendance.app.demo.DemoAccounts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No demo credential outside the demo: a service started with real accounts or a real cluster
 * accepts none of the demo's logins or keys, and refuses to start on a placeholder secret.
 */
class DemoCredentialsTest {
    private static final String REAL_KEY = "k".repeat(16) + "0123456789abcdef0123";

    private static RunCommand parsed(Map<String, String> env, String... args) {
        RunCommand run = new RunCommand();
        run.env = env::get;
        new CommandLine(run).parseArgs(args);
        return run;
    }

    private static Path accountsFile() throws Exception {
        Path f = Files.createDirectories(TestNodes.scratch("accounts")).resolve("accounts.yaml");
        Files.writeString(f, """
                users:
                  - {username: jo.okafor, passwordHash: "%s", role: la-officer, la: Northshire}
                """.formatted(Accounts.hashPassword("a long real password")));
        return f;
    }

    @Test
    void a_service_started_with_an_accounts_file_accepts_no_demo_login_or_key() throws Exception {
        RunCommand run = parsed(Map.of(), "--accounts", accountsFile().toString());
        assertThat(run.demo()).isFalse();
        Accounts a = run.access().accounts();
        assertThat(a.signIn(DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD)).isEmpty();
        assertThat(a.byKey(DemoAccounts.ADMIN_KEY)).isEmpty();
        assertThat(a.byKey(DemoAccounts.RIVERSIDE_MIS_KEY)).isEmpty();
        assertThat(a.signIn("jo.okafor", "a long real password")).isPresent();
    }

    @Test
    void a_service_on_an_external_cluster_runs_no_demo_unless_asked() {
        assertThat(parsed(Map.of(), "--bootstrap-servers", "kafka-1:9092").demo()).isFalse();
        assertThat(parsed(Map.of(), "--bootstrap-servers", "kafka-1:9092", "--demo").demo()).isTrue();
        assertThat(parsed(Map.of()).demo()).as("a bare run is the demo").isTrue();
        assertThat(parsed(Map.of(), "--no-demo").demo()).isFalse();
        assertThat(parsed(Map.of(), "--config", "schools.yaml").demo()).as("real schools are no demo").isFalse();
    }

    @Test
    void the_bare_demo_still_takes_its_own_admin_key_and_logins() {
        Accounts a = parsed(Map.of()).access().accounts();
        assertThat(a.byKey(DemoAccounts.ADMIN_KEY)).isPresent();
        assertThat(a.signIn(DemoAccounts.OFFICER, DemoAccounts.OFFICER_PASSWORD)).isPresent();
    }

    @Test
    void a_placeholder_or_short_secret_stops_the_service_with_exit_2_naming_the_setting() throws Exception {
        String accounts = accountsFile().toString();
        assertThat(exit(Map.of("ATTENDANCE_ADMIN_KEY", "change-me-admin-key"), "--accounts", accounts))
                .startsWith("2:").contains("ATTENDANCE_ADMIN_KEY").contains("placeholder");
        assertThat(exit(Map.of("ATTENDANCE_ADMIN_KEY", REAL_KEY, "ATTENDANCE_SESSION_SECRET", "change-me-a-long-random-string-shared-by-instances"),
                "--accounts", accounts)).startsWith("2:").contains("ATTENDANCE_SESSION_SECRET");
        assertThat(exit(Map.of("ATTENDANCE_ADMIN_KEY", "short-key"), "--bootstrap-servers", "localhost:1"))
                .startsWith("2:").contains("ATTENDANCE_ADMIN_KEY is 9 characters long");
    }

    /** "exit:stderr" of a run that must stop before it starts anything. */
    private static String exit(Map<String, String> env, String... args) {
        RunExit r = RunExit.of(env, args);
        return r.code() + ":" + r.stderr();
    }
}
