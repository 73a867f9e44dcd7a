package io.attendance.tools.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The image's filesystem, made from this machine's own JDK and C libraries (no base image: no
 * container registry is reachable where it is built): a jlinked Java runtime at {@code /opt/java},
 * every shared library it and RocksDB's JNI library load (found with {@code ldd}) at the paths the
 * loader looks in, and a user 10001 that owns {@code /data}.
 */
final class ImageRootfs {
    /** Java SE and the JDK modules the service uses (Kafka's JMX and SASL, JFR, zip file systems, DNS, the HTTP server). */
    static final List<String> MODULES = List.of("java.se", "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.httpserver", "jdk.jfr",
            "jdk.management", "jdk.management.agent", "jdk.naming.dns", "jdk.net", "jdk.security.auth", "jdk.security.jgss",
            "jdk.unsupported", "jdk.zipfs", "jdk.charsets", "jdk.localedata");
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private ImageRootfs() {
    }

    /** Builds the tree under {@code root} (which must not exist) for the service jar. */
    static void build(Path root, Path serviceJar) throws IOException, InterruptedException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jre = root.resolve("opt/java");
        Files.createDirectories(jre.getParent());
        run(List.of(javaHome.resolve("bin/jlink").toString(), "--module-path", javaHome.resolve("jmods").toString(),
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--output", jre.toString()));
        // RocksDB's JNI library is unpacked from the jar at run time: its libraries must be in the image too.
        Path rocks = root.resolve("tmp-probe/librocksdbjni-linux64.so");
        Files.createDirectories(rocks.getParent());
        try (ZipFile jar = new ZipFile(serviceJar.toFile()); InputStream in = jar.getInputStream(jar.getEntry("librocksdbjni-linux64.so"))) {
            Files.copy(in, rocks);
        }
        Set<String> libraries = new LinkedHashSet<>();
        List<Path> elves = new ArrayList<>();
        try (var files = Files.walk(jre)) {
            files.filter(Files::isRegularFile).filter(ImageRootfs::isElf).forEach(elves::add);
        }
        elves.add(rocks);
        for (Path elf : elves) libraries.addAll(librariesOf(elf));
        for (String lib : libraries) {
            if (lib.startsWith(root.toString())) continue; // one of the runtime's own
            Path to = root.resolve(lib.substring(1));
            Files.createDirectories(to.getParent());
            Files.copy(Path.of(lib), to, StandardCopyOption.REPLACE_EXISTING); // the file a symlink names, at the symlink's path
        }
        deleteTree(rocks.getParent());
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\nattendance:x:10001:10001:attendance:/data:/sbin/nologin\n",
                StandardCharsets.UTF_8);
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nattendance:x:10001:\n", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("app"));
        Files.copy(serviceJar, root.resolve("app/attendance.jar"));
    }

    private static boolean isElf(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The absolute paths of the shared libraries {@code ldd} says the file loads (the loader itself included). */
    static List<String> librariesOf(Path elf) throws IOException, InterruptedException {
        Output ldd = exec(List.of("ldd", elf.toString()));
        // ldd exits 1 for an ELF that is not dynamic (static, or data only): it loads nothing
        if (ldd.code() != 0 && !ldd.text().contains("not a dynamic executable")) throw ldd.failure();
        String out = ldd.text();
        List<String> libs = new ArrayList<>();
        Matcher m = LIBRARY.matcher(out);
        while (m.find()) libs.add(m.group(1));
        return libs;
    }

    /** A command's output; fails unless it exits 0. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Output o = exec(command);
        if (o.code() != 0) throw o.failure();
        return o.text();
    }

    private record Output(List<String> command, int code, String text) {
        IOException failure() {
            return new IOException(String.join(" ", command) + " exited " + code + ": " + text);
        }
    }

    private static Output exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(command, p.waitFor(), out);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
