package io.attendance.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One compose service of ours run as its container would run it: its own JVM, {@code attendance.jar}'s
 * main class and logging, the compose file's command and environment. Only what a container gets from Docker
 * itself is replaced ({@code local}: host names, published ports, volume paths), and the test names
 * each replacement, so everything else reaches the service verbatim.
 */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ServiceProcess start(String name, ComposeServices compose, Map<String, String> local, Path log, String maxHeap) {
        return start(name, compose, local, log, maxHeap, compose.command(name));
    }

    /** @param command the compose file's command, or that command changed only in which data the test feeds it */
    static ServiceProcess start(String name, ComposeServices compose, Map<String, String> local, Path log, String maxHeap,
                                List<String> command) {
        Map<String, String> env = new LinkedHashMap<>(compose.environment(name));
        local.forEach((k, v) -> {
            if (!env.containsKey(k)) throw new IllegalArgumentException(name + " has no " + k + " in docker-compose.yml to replace");
            env.put(k, v);
        });
        List<String> cmd = AppJvm.command(List.of("-Xmx" + maxHeap,
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath()),
                command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // Nothing of this machine's own settings leaks in: the container sees only the compose file's.
        pb.environment().keySet().removeIf(k -> k.startsWith("ATTENDANCE_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code docker-compose stop} sends: the service shuts down cleanly and leaves its group. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crashed container or a lost host: no shutdown, no leaving the group. */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) stop();
    }
}
