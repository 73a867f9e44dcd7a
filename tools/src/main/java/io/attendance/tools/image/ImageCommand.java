package io.attendance.tools.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code attendance-tools image}: the service's container image as a tarball ({@code docker load} /
 * {@code podman load} / a registry push with {@code crane} or {@code skopeo}) with no Docker engine and no
 * registry: Jib writes the image, from scratch, over {@link ImageRootfs}. The same entrypoint as the
 * Dockerfile's: {@code java -XX:MaxRAMPercentage=40 -jar /app/attendance.jar}, {@code run} by default,
 * user 10001, working directory and data in {@code /data}.
 */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Build the service's container image as a tarball without a Docker engine (Jib, from this machine's JDK).")
public final class ImageCommand implements Callable<Integer> {
    static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=40", "-jar", "/app/attendance.jar");
    static final String USER = "10001";

    @Option(names = "--jar", defaultValue = "app/target/attendance.jar", description = "The service jar (default app/target/attendance.jar).")
    Path jar;

    @Option(names = "--out", defaultValue = "target/attendance-image.tar", description = "The image tarball to write.")
    Path out;

    @Option(names = "--name", defaultValue = "attendance:latest", description = "The image's name in the tarball.")
    String name;

    @Override
    public Integer call() throws Exception {
        build(jar, out, name);
        System.out.printf("image %s written to %s (%,d bytes)%n", name, out, Files.size(out));
        return 0;
    }

    /** Builds the image tarball; the filesystem tree it was made from is left beside it ({@code <out>.rootfs}). */
    public static void build(Path serviceJar, Path out, String name) throws Exception {
        Path root = out.resolveSibling(out.getFileName() + ".rootfs");
        ImageRootfs.deleteTree(root);
        ImageRootfs.build(root, serviceJar);
        FileEntriesLayer.Builder runtime = FileEntriesLayer.builder().setName("runtime");
        FileEntriesLayer.Builder app = FileEntriesLayer.builder().setName("app");
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted().toList()) {
                if (f.equals(root)) continue;
                String inImage = "/" + root.relativize(f).toString().replace('\\', '/');
                boolean appFile = inImage.startsWith("/app/");
                String perms = Files.isDirectory(f) ? (inImage.equals("/tmp") ? "777" : "755")
                        : PosixFilePermissions.toString(Files.getPosixFilePermissions(f)).contains("x") ? "755" : "644";
                // /data belongs to the service's user; everything else to root, read-only to it
                String owner = inImage.equals("/data") ? USER + ":" + USER : "0:0";
                (appFile ? app : runtime).addEntry(f, AbsoluteUnixPath.get(inImage), FilePermissions.fromOctalString(perms),
                        Instant.EPOCH, owner);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Jib.fromScratch()
                .setFileEntriesLayers(runtime.build(), app.build())
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(List.of("run"))
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get("/data"))
                .addEnvironmentVariable("ATTENDANCE_DATA_DIR", "/data")
                .addEnvironmentVariable("JAVA_HOME", "/opt/java")
                .addExposedPort(Port.tcp(8080))
                .addExposedPort(Port.tcp(8090))
                .addVolume(AbsoluteUnixPath.get("/data"))
                .setCreationTime(Instant.EPOCH)
                .containerize(Containerizer.to(TarImage.at(out.toAbsolutePath()).named(name)).setAlwaysCacheBaseImage(false)
                        .setBaseImageLayersCache(root.resolveSibling("jib-cache")).setApplicationLayersCache(root.resolveSibling("jib-cache")));
    }
}
