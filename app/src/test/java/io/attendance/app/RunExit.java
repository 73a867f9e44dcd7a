package io.attendance.app;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code attendance run} that must stop before it serves: its exit status and what it printed to stderr. */
record RunExit(int code, String stderr) {
    /** The deployment's two secrets, set to real-looking values (as ATTENDANCE_ADMIN_KEY and ATTENDANCE_SESSION_SECRET give them). */
    static final Map<String, String> SECRETS = Map.of("ATTENDANCE_ADMIN_KEY", "k".repeat(40), "ATTENDANCE_SESSION_SECRET", "s".repeat(40));

    static RunExit of(Map<String, String> env, String... args) {
        RunCommand run = new RunCommand();
        run.env = env::get;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(run).execute(args);
            return new RunExit(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(was);
        }
    }
}
