package io.attendance.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar attendance.jar <command>}. */
@Command(name = "attendance", mixinStandardHelpOptions = true, version = "attendance 0.1.0",
        description = "Live attendance signals for schools and local authorities.",
        subcommands = {RunCommand.class, PolicyCommand.class,
                io.attendance.app.letters.NotifierCommand.class, io.attendance.app.letters.ImportCommand.class,
                io.attendance.app.replay.ReplayCommand.class, io.attendance.app.retention.PurgeCommand.class, io.attendance.app.export.ExportCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        String logFormat = System.getenv("ATTENDANCE_LOG_FORMAT");
        if (logFormat != null && !logFormat.isBlank() && !java.util.Set.of("text", "json").contains(logFormat)) {
            // logback.xml includes logback-<format>.xml: any other value would leave the process silent
            System.err.println("ATTENDANCE_LOG_FORMAT: text or json, not '" + logFormat + "'");
            System.exit(2);
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
