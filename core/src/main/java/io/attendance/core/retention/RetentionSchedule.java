package io.attendance.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The retention table (policies/retention/retention.yaml): each topic's class, read once at start. */
public final class RetentionSchedule {
    public static final String FILE = "retention/retention.yaml";
    private final List<RetentionClass> classes;
    private final Map<String, RetentionClass> byTopic = new LinkedHashMap<>();

    private RetentionSchedule(List<RetentionClass> classes) {
        this.classes = List.copyOf(classes);
        for (RetentionClass c : classes) {
            for (String t : c.topics()) {
                RetentionClass twin = byTopic.put(t, c);
                if (twin != null) throw new IllegalArgumentException(FILE + ": topic " + t + " is in both " + twin.name() + " and " + c.name());
            }
        }
    }

    public static RetentionSchedule shipped() {
        try (InputStream in = RetentionSchedule.class.getResourceAsStream("/policies/" + FILE)) {
            if (in == null) throw new IllegalStateException("/policies/" + FILE + " is missing from the classpath");
            return read(in, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder's retention/retention.yaml if it has one, else the shipped table. */
    public static RetentionSchedule of(Path policiesDir) {
        if (policiesDir == null) return shipped();
        Path f = policiesDir.resolve(FILE);
        if (!Files.exists(f)) return shipped();
        try (InputStream in = Files.newInputStream(f)) {
            return read(in, f.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot be read: " + e.getMessage());
        }
    }

    static RetentionSchedule read(InputStream in, String file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        List<String> problems = new ArrayList<>();
        List<RetentionClass> out = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("classes");
        if (list == null || !list.isArray()) throw new IllegalArgumentException(file + ": classes: a list of retention classes is required");
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = file + ": classes[" + i + "]";
            String name = text(n, "name");
            String keep = text(n, "keep");
            String from = text(n, "from");
            String source = text(n, "source");
            if (name == null) problems.add(where + ".name: is required");
            if (source == null) problems.add(where + ".source: is required (why this period: a regulation or the LA's schedule)");
            Period days = null;
            Duration time = null;
            if (keep == null) problems.add(where + ".keep: is required (P6Y, P7D, PT1H or forever)");
            else if (!keep.equals("forever")) {
                try {
                    if (keep.contains("T")) time = Duration.parse(keep);
                    else days = Period.parse(keep);
                } catch (DateTimeParseException e) {
                    problems.add(where + ".keep: '" + keep + "' is not a period (P6Y, P7D, PT1H or forever)");
                }
            }
            RetentionClass.From f = null;
            if ("end-of-school-year".equals(from)) f = RetentionClass.From.END_OF_SCHOOL_YEAR;
            else if ("recorded".equals(from)) f = RetentionClass.From.RECORDED;
            else problems.add(where + ".from: '" + from + "' is not end-of-school-year or recorded");
            List<String> topics = new ArrayList<>();
            if (n.get("topics") != null) n.get("topics").forEach(t -> topics.add(t.asText()));
            out.add(new RetentionClass(name, text(n, "what"), days, time, f, source, topics, text(n, "files")));
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        return new RetentionSchedule(out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public List<RetentionClass> classes() {
        return classes;
    }

    public Optional<RetentionClass> forTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** The class whose files include this folder kind ("outbox"). */
    public Optional<RetentionClass> forFiles(String kind) {
        return classes.stream().filter(c -> kind.equals(c.files())).findFirst();
    }

    /** Topics the service writes that the table does not class: it must refuse to start. */
    public List<String> unclassed(Collection<String> topics) {
        return topics.stream().filter(t -> !byTopic.containsKey(t)).toList();
    }
}
