package io.attendance.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.schemas.CaseAction;
import io.attendance.schemas.CaseIndex;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A replay's actions: one JSON object a line, {@code {"upn","urn","family","action","date", ...fields}}
 * applied to that pupil's open case of that procedure family on that day (after its marks, before its
 * day end), or {@code {"case": id, "action", "date", ...}}; {@code "action": "open"} opens a case by
 * hand ({@code "policy"} optional). Every other key is a field of the action.
 */
final class ReplayActions {
    private static final Set<String> KEYS = Set.of("upn", "urn", "family", "action", "date", "case", "policy");

    record Row(String file, long line, LocalDate date, JsonNode json) {
        /** The action to pipe, or null (rejected: no such open case). */
        CaseAction toAction(java.util.function.Function<String, KeyValueStore<String, CaseIndex>> indexOf,
                            Consumer<ReplayInput.Reject> rejects) {
            String action = json.path("action").asText();
            String upn = json.path("upn").asText(null);
            Map<String, String> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!KEYS.contains(f.getKey())) fields.put(f.getKey(), f.getValue().asText());
            }
            String id = "replay:" + file + ":" + line; // the same line, the same id: a replay is repeatable
            CaseAction.Builder a = CaseAction.newBuilder().setActionId(id).setAction(action).setDate(date)
                    .setFields(new java.util.HashMap<>(fields)).setRecordedBy("replay");
            if (action.equals("open")) {
                return a.setUpn(upn).setCaseId(null).setUrn(json.path("urn").asText(null)).setPolicy(json.path("policy").asText(null)).build();
            }
            String caseId = json.path("case").asText(null);
            if (caseId == null) {
                String key = io.attendance.core.cases.CaseKeys.indexKey(upn, json.path("urn").asText(), json.path("family").asText());
                CaseIndex idx = upn == null ? null : indexOf.apply(upn).get(key);
                caseId = idx == null ? null : idx.getOpenCase();
                if (caseId == null) {
                    rejects.accept(new ReplayInput.Reject(file, line, "family", "no open " + json.path("family").asText()
                            + " case for pupil at school " + json.path("urn").asText() + " on " + date));
                    return null;
                }
            } else if (upn == null) {
                upn = io.attendance.core.cases.CaseKeys.upnOf(caseId).orElse(null);
                if (upn == null) {
                    rejects.accept(new ReplayInput.Reject(file, line, "case", "not a case id (upn-urn-family-n)"));
                    return null;
                }
            }
            return a.setUpn(upn).setCaseId(caseId).build();
        }
    }

    private ReplayActions() {
    }

    static TreeMap<LocalDate, List<Row>> read(Path file, Consumer<ReplayInput.Reject> rejects) {
        TreeMap<LocalDate, List<Row>> out = new TreeMap<>();
        String name = file.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                JsonNode json;
                try {
                    json = Replay.parse(text);
                } catch (IOException e) {
                    rejects.accept(new ReplayInput.Reject(name, line, "line", "not a JSON object"));
                    continue;
                }
                String problem = problem(json);
                if (problem != null) {
                    rejects.accept(new ReplayInput.Reject(name, line, problem.substring(0, problem.indexOf(':')), problem.substring(problem.indexOf(':') + 2)));
                    continue;
                }
                out.computeIfAbsent(LocalDate.parse(json.get("date").asText()), k -> new ArrayList<>()).add(new Row(name, line, LocalDate.parse(json.get("date").asText()), json));
            }
        } catch (IOException e) {
            throw new ReplayException(file + ": cannot read: " + e.getMessage());
        }
        return out;
    }

    private static String problem(JsonNode json) {
        if (!json.isObject()) return "line: not a JSON object";
        if (!json.path("action").isTextual()) return "action: is required";
        if (!json.path("date").isTextual()) return "date: is required (yyyy-mm-dd)";
        try {
            LocalDate.parse(json.get("date").asText());
        } catch (DateTimeParseException e) {
            return "date: '" + json.get("date").asText() + "' is not a yyyy-mm-dd date";
        }
        boolean byCase = json.path("case").isTextual();
        boolean opening = json.get("action").asText().equals("open");
        if (opening && (!json.path("upn").isTextual() || !json.path("urn").isTextual())) return "upn: opening a case needs upn and urn";
        if (!opening && !byCase && (!json.path("upn").isTextual() || !json.path("urn").isTextual() || !json.path("family").isTextual())) {
            return "case: give \"case\", or \"upn\", \"urn\" and \"family\" to find the pupil's open case";
        }
        return null;
    }
}
