package io.attendance.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs one of this app's commands in a new JVM, with this JVM's Java and classpath. */
public final class AppJvm {
    private AppJvm() {
    }

    /** {@code java <jvmOptions> -cp <this classpath> io.attendance.app.Main <args>}. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** A tool of this JVM's own Java installation (java, jcmd). */
    public static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }
}
