package io.attendance.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The settings a deployment file may give the service: each must be in README's table and read by the code. */
final class DocumentedSettings {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private DocumentedSettings() {
    }

    /** Names of {@code given} missing from README (as {@code `NAME`}). */
    static List<String> notInReadme(Collection<String> given) {
        String readme = read(ROOT.resolve("README.md"));
        return given.stream().filter(name -> !readme.contains("`" + name + "`")).sorted().toList();
    }

    /** Every environment variable the app's code reads: picocli defaults, System.getenv, the injected env. */
    static TreeSet<String> readByCode() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(ROOT.resolve("app/src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) all.append(read(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher env = Pattern.compile("(?:env:|getenv\\(\"|env\\.apply\\(\")([A-Z_]+)").matcher(all);
        TreeSet<String> read = new TreeSet<>();
        while (env.find()) read.add(env.group(1));
        return read;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
