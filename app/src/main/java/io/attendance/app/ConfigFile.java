package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.attendance.api.schools.SchoolRequest;
import io.attendance.schemas.School;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Schools loaded at start ({@code --config FILE}), YAML or JSON:
 * <pre>
 * schools:
 *   - urn: "100001"
 *     name: Riverside Primary School
 *     la: Northshire
 *     policy: norfolk-quick-guide
 *     expectedAttendancePct: 96
 *     terms: [{start: 2025-09-03, end: 2025-10-24}]
 *     closures: [2025-11-03]
 * </pre>
 * Every school is checked as PUT /api/v1/schools checks it; one bad school stops the start,
 * naming the school and field.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static List<School> schools(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable YAML/JSON: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("schools");
        if (list == null || !list.isArray()) throw new IllegalArgumentException(file + ": expected a 'schools' list");
        List<School> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String urn = s.path("urn").asText("");
            SchoolRequest.Parsed parsed = SchoolRequest.parse(urn, s);
            int index = i;
            if (parsed instanceof SchoolRequest.Invalid invalid) {
                invalid.errors().forEach(e -> errors.add(file + ": schools[" + index + "]." + e.field() + ": " + e.error()));
            } else {
                out.add(((SchoolRequest.Valid) parsed).school());
            }
        }
        if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("\n", errors));
        return out;
    }
}
