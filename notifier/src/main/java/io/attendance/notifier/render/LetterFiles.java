package io.attendance.notifier.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.reflect.ReflectionObjectHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Letter templates and LA letterheads, from the policies folder ({@code letters/}) when one is
 * given, else from the copy shipped in the jar. A template is {@code letters/<policy id>/<letter
 * slug>.mustache}; a letterhead {@code letters/la/<la slug>.yaml}. Slugs: lower case, every run
 * of other characters than letters, digits and dots becomes one hyphen ("APWS 2.1.1(2)" →
 * "apws-2.1.1-2").
 */
public final class LetterFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Path folder;
    private final Map<String, Optional<Mustache>> templates = new ConcurrentHashMap<>();
    private final Map<String, Optional<Letterhead>> letterheads = new ConcurrentHashMap<>();
    private final DefaultMustacheFactory mustache = literalValues();

    /** @param policiesFolder the folder given with {@code --policies}, or null for the shipped files only */
    public LetterFiles(Path policiesFolder) {
        this.folder = policiesFolder;
    }

    /**
     * Letters are plain text laid out by the PDF writer: nothing is HTML-escaped, and every value,
     * {{x}} and {{{x}}} alike, is literal text that cannot lay the letter out.
     */
    private static DefaultMustacheFactory literalValues() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new ReflectionObjectHandler() {
            @Override
            public String stringify(Object value) {
                return LiteralText.inBody(super.stringify(value));
            }
        });
        return factory;
    }

    public static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
        return x.replaceAll("^-+|-+$", "");
    }

    public Optional<Mustache> template(String policyId, String letterRef) {
        String path = "letters/" + policyId + "/" + slug(letterRef) + ".mustache";
        return templates.computeIfAbsent(path, p -> read(p).map(text -> mustache.compile(new StringReader(text), p)));
    }

    public Optional<Letterhead> letterhead(String la) {
        String path = "letters/la/" + slug(la) + ".yaml";
        return letterheads.computeIfAbsent(path, p -> read(p).map(text -> {
            try {
                return YAML.readValue(text, Letterhead.class);
            } catch (IOException e) {
                throw new IllegalStateException(p + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }));
    }

    /** Where a file would be looked for, for messages naming what is missing. */
    public String describe(String relative) {
        return (folder == null ? "" : folder.resolve(relative) + " or ") + "the shipped policies/" + relative;
    }

    private Optional<String> read(String relative) {
        try {
            if (folder != null && Files.isRegularFile(folder.resolve(relative))) {
                return Optional.of(Files.readString(folder.resolve(relative), StandardCharsets.UTF_8));
            }
            try (InputStream in = LetterFiles.class.getResourceAsStream("/policies/" + relative)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + relative, e);
        }
    }
}
