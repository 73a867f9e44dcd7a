package io.attendance.tools.bench;

import io.attendance.app.kafka.GroupProgress;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoLoader;
import io.attendance.contract.KafkaPublisher;
import io.attendance.app.kafka.TopicAdmin;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code attendance bench-memory}: what one instance of the service needs to hold a scaled demo LA.
 * Publishes the LA to an embedded broker, starts the service ({@code run}) in its own JVM against
 * it, and samples that JVM's resident memory while it counts every mark and runs every case, then
 * its heap after a full GC and its state stores on disk.
 */
@Command(name = "bench-memory", mixinStandardHelpOptions = true,
        description = "Measure one service instance's memory and state-store disk for a scaled demo LA.")
public final class MemoryBenchCommand implements Callable<Integer> {
    @Option(names = "--factor", defaultValue = "50", description = "Pupils = 2,000 x factor (default 50: 100,000 pupils).")
    int factor;

    @Option(names = "--to", defaultValue = "2025-10-24", description = "Last date of marks (from 3 Sep 2025; default end of the first half-term).")
    LocalDate to;

    @Option(names = "--heap", defaultValue = "1g", description = "The instance's -Xmx (default 1g).")
    String heap;

    @Option(names = "--rocksdb-memory-mb", defaultValue = "256", description = "The instance's ATTENDANCE_ROCKSDB_MEMORY_MB (default 256).")
    int rocksDbMb;

    @Option(names = "--data-dir", defaultValue = "./data/bench-memory", description = "Scratch directory, wiped first.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        BenchCommand.wipe(dataDir);
        Files.createDirectories(dataDir);
        Topics topics = new Topics(new SingleObjectSerdes());
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicAdmin.ensure(broker.bootstrapServers(), topics, 6, (short) 1);
            DemoLa la = DemoLa.scaled(factor, to);
            long marks;
            try (KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), topics)) {
                marks = DemoLoader.load(la, publisher);
            }
            System.out.printf("published %,d marks for %,d pupils (3 Sep 2025 to %s)%n", marks, la.pupilCount(), to);

            int port = EmbeddedBroker.freePort();
            Path instance = dataDir.resolve("instance");
            ProcessBuilder pb = new ProcessBuilder(io.attendance.app.AppJvm.command(List.of("-Xmx" + heap), List.of("run",
                    "--no-demo", "--no-notifier", "--clock", "data", "--bootstrap-servers", broker.bootstrapServers(),
                    "--port", String.valueOf(port), "--data-dir", instance.toString(), "--rocksdb-memory-mb", String.valueOf(rocksDbMb))))
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("instance.log").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("ATTENDANCE_"));
            long t0 = System.nanoTime();
            Process p = pb.start();
            long peakRss = 0;
            double secs;
            long rssEnd;
            String heapAfterGc;
            long runningMb;
            try {
                while (true) {
                    Thread.sleep(1000); // sampling the child's memory once a second, not synchronising anything
                    if (!p.isAlive()) throw new IllegalStateException("the instance exited; see " + dataDir.resolve("instance.log"));
                    peakRss = Math.max(peakRss, rssKb(p.pid()));
                    if (BenchCommand.secs(t0) > 20 && GroupProgress.lag(admin, "attendance", topics.streamsInputs()) == 0) break;
                }
                secs = BenchCommand.secs(t0);
                rssEnd = rssKb(p.pid());
                run(p.pid(), "GC.run");
                heapAfterGc = heapUsed(port);
                runningMb = sizeMb(instance.resolve("streams"));
            } finally {
                p.destroy();
                p.waitFor();
            }
            // While running RocksDB holds preallocated files; after a clean stop the stores are their real size.
            System.out.printf("instance (-Xmx%s, RocksDB %d MB): %,d marks in %.0f s; resident memory peak %,d MB, at the end %,d MB; "
                            + "heap used after full GC %s; state stores on disk %,d MB stopped (%,d MB while running); broker log %,d MB%n",
                    heap, rocksDbMb, marks, secs, peakRss / 1024, rssEnd / 1024, heapAfterGc,
                    sizeMb(instance.resolve("streams")), runningMb, sizeMb(dataDir.resolve("kafka")));
        }
        return 0;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return 0;
    }

    private static void run(long pid, String command) throws Exception {
        new ProcessBuilder(io.attendance.app.AppJvm.tool("jcmd"), String.valueOf(pid), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** The instance's own report: jvm_memory_used_bytes summed over the heap pools, from /metrics. */
    private static String heapUsed(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$").matcher(metrics);
        double used = 0;
        while (m.find()) used += Double.parseDouble(m.group(1));
        return used == 0 ? "not reported" : String.format("%,d MB", (long) (used / 1024 / 1024));
    }

    /** Disk actually used (du): the broker preallocates sparse index files, so file lengths overstate it. */
    private static long sizeMb(Path dir) throws Exception {
        if (!Files.exists(dir)) return 0;
        Process du = new ProcessBuilder("du", "-sm", dir.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
