package io.attendance.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar tools/target/attendance-tools.jar <command>}: the benchmark harnesses and the demo
 * LA's files, kept out of the service's own jar (a deployment never ships them).
 */
@Command(name = "attendance-tools", mixinStandardHelpOptions = true, version = "attendance-tools 0.1.0",
        description = "Benchmarks and demo files for the live attendance service.",
        subcommands = {io.attendance.tools.bench.BenchCommand.class, io.attendance.tools.bench.LetterBenchCommand.class,
                io.attendance.tools.bench.MemoryBenchCommand.class, io.attendance.tools.bench.EndOfDayBenchCommand.class,
                io.attendance.tools.bench.ApiLoadCommand.class, io.attendance.tools.bench.StateBenchCommand.class,
                io.attendance.tools.bench.LiveLatencyCommand.class, io.attendance.tools.demo.DemoFilesCommand.class,
                io.attendance.tools.image.ImageCommand.class})
public final class Tools implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tools()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
