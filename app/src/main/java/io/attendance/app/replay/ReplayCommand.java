package io.attendance.app.replay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code attendance replay}: what the procedures would have done on a year's registers (README "Replay"). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays schools' registers through the procedures, offline and deterministically: the same "
                + "inputs always give the same files. Exit 0, 1 (bad input: the file and line), 2 (usage).")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--schools", required = true, description = "Schools and calendars, the --config format (several years allowed)")
    Path schools;

    @Option(names = "--marks", required = true, description = "CSV upn,urn,date,session,code[,recordedAt], any size")
    Path marks;

    @Option(names = "--actions", description = "JSON lines: {\"upn\",\"urn\",\"family\",\"action\",\"date\",...fields} or {\"case\",...}")
    Path actions;

    @Option(names = "--contacts", description = "Contacts CSV in the import format: letters are produced for their parents")
    Path contacts;

    @Option(names = "--policies", description = "A folder of policy files (and letters/) added to the shipped ones")
    Path policies;

    @Option(names = "--partitions", defaultValue = "${env:ATTENDANCE_PARTITIONS:-6}",
            description = "Partitions of the pupils, as the service's (default 6): each runs as one of its tasks, side by side on the cores")
    int partitions;

    @Option(names = "--state-dir", description = "Keep the replay's stores on disk in this folder (RocksDB, 1 GiB of memory for caches; "
            + "removed at the end) instead of on the heap: for an LA whose year outgrows the heap")
    Path stateDir;

    @Option(names = "--out", required = true, description = "Folder for case-events.jsonl, cases.csv, pupils.csv, rejects.csv, letters/, report.html")
    Path out;

    @Override
    public Integer call() {
        try {
            Replay.Summary s = Replay.run(new Replay.Inputs(schools, marks, actions, contacts, policies, partitions, stateDir), out,
                    System.console() != null ? System.err : null);
            System.out.printf("replayed %d days: %d marks (%d rows rejected, see rejects.csv), %d cases, %d case events, %d letters, "
                            + "%d court packs in %.1f s (%.0f marks/s)%n",
                    s.days(), s.marks(), s.rejected(), s.cases(), s.events(), s.letters(), s.courtPacks(), s.millis() / 1000.0,
                    s.marks() * 1000.0 / Math.max(1, s.millis()));
            return 0;
        } catch (ReplayException e) {
            System.err.println("replay: " + e.getMessage());
            return 1;
        }
    }
}
