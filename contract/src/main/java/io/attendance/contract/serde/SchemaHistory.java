package io.attendance.contract.serde;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every earlier version of every schema, kept under {@code schema-history/} so that a
 * reader on today's schema can resolve bytes written by any older writer (the
 * single-object header names the writer's fingerprint).
 */
public final class SchemaHistory {
    private static final String ROOT = "schema-history/";

    private SchemaHistory() {
    }

    public static List<Schema> load() {
        List<Schema> schemas = new ArrayList<>();
        try (InputStream index = resource(ROOT + "index.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                try (InputStream in = resource(ROOT + line.trim())) {
                    schemas.add(new Schema.Parser().parse(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history", e);
        }
        return schemas;
    }

    public static SchemaStore.Cache store() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        load().forEach(cache::addSchema);
        return cache;
    }

    private static InputStream resource(String path) {
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("missing schema history resource " + path);
        return in;
    }
}
