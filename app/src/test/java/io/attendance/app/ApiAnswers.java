package io.attendance.app;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's and the pages' answers for a sample of the demo (schools, pupils, registers, cases, the
 * work queue, policies, refusals of bad requests, and the pages an officer sees), compared byte for
 * byte with the answers recorded before the seams change (issue 14) under {@code api-answers/}.
 * {@code -Dapi.answers=record} writes them instead. Only what changes with the moment of asking is
 * blanked: each page's CSRF token (per session) and its "updated" wall-clock time.
 */
final class ApiAnswers {
    private static final Path RECORDED = Path.of("src", "test", "resources", "api-answers");

    private ApiAnswers() {
    }

    static void matchRecorded(int port) throws IOException {
        Map<String, String> now = sample(port);
        if ("record".equals(System.getProperty("api.answers"))) {
            Files.createDirectories(RECORDED);
            for (var e : now.entrySet()) Files.writeString(RECORDED.resolve(e.getKey()), e.getValue());
            return;
        }
        List<String> names = new ArrayList<>();
        try (var files = Files.list(RECORDED)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertThat(now.keySet()).as("the sample asked for").containsExactlyInAnyOrderElementsOf(names);
        for (String name : new TreeMap<>(now).keySet()) {
            assertThat(now.get(name)).as(name).isEqualTo(Files.readString(RECORDED.resolve(name)));
        }
    }

    private static Map<String, String> sample(int port) {
        Http api = new Http(port);
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode schools = ask(out, api, "GET", "/api/v1/schools", null).json();
        List<String> urns = new ArrayList<>();
        for (JsonNode s : schools) urns.add(s.get("urn").asText());
        urns.sort(null);
        assertThat(urns).as("the demo's schools").hasSizeGreaterThanOrEqualTo(4);
        List<String> upns = new ArrayList<>();
        for (String urn : urns) {
            ask(out, api, "GET", "/api/v1/schools/" + urn, null);
            ask(out, api, "GET", "/api/v1/cases?urn=" + urn, null);
            JsonNode persistent = ask(out, api, "GET", "/api/v1/schools/" + urn + "/pupils?flag=persistent", null).json();
            JsonNode all = api.get("/api/v1/schools/" + urn + "/pupils").json();
            List<String> here = new ArrayList<>();
            all.path("pupils").forEach(p -> here.add(p.get("upn").asText()));
            here.sort(null);
            upns.addAll(here.subList(0, Math.min(2, here.size())));
            persistent.path("pupils").forEach(p -> {
                if (upns.size() < 3 * urns.size()) upns.add(p.get("upn").asText());
            });
        }
        for (String upn : upns) {
            ask(out, api, "GET", "/api/v1/pupils/" + upn, null);
            ask(out, api, "GET", "/api/v1/pupils/" + upn + "/register", null);
            ask(out, api, "GET", "/api/v1/cases?upn=" + upn, null);
        }
        // Each procedure's first two cases by pupil and opening date (ids are opaque references: their order means nothing).
        Map<String, List<JsonNode>> casesByPolicy = new TreeMap<>();
        for (JsonNode c : ask(out, api, "GET", "/api/v1/cases", null).json()) {
            casesByPolicy.computeIfAbsent(c.get("policy").asText(), k -> new ArrayList<>()).add(c);
        }
        assertThat(casesByPolicy).as("cases under several procedures").hasSizeGreaterThanOrEqualTo(3);
        List<String> caseIds = new ArrayList<>();
        casesByPolicy.values().forEach(cases -> cases.stream()
                .sorted(java.util.Comparator.comparing((JsonNode c) -> c.get("upn").asText()).thenComparing(c -> c.get("openedOn").asText()))
                .limit(2).forEach(c -> caseIds.add(c.get("id").asText())));
        for (String id : caseIds) ask(out, api, "GET", "/api/v1/cases/" + id, null);
        ask(out, api, "GET", "/api/v1/cases?status=open&overdue=true", null);
        ask(out, api, "GET", "/api/v1/tasks", null);
        ask(out, api, "GET", "/api/v1/policies", null);
        ask(out, api, "GET", "/api/v1/policies/apws", null);

        // Refusals: each names the field and changes nothing.
        String caseId = caseIds.get(0), upn = upns.get(0), urn = urns.get(0);
        ask(out, api, "POST", "/api/v1/cases/" + caseId + "/actions", "{\"action\": \"no-such-action\", \"date\": \"2025-10-01\"}");
        ask(out, api, "POST", "/api/v1/cases/" + caseId + "/actions", "{\"action\": \"note\", \"date\": \"1 October\"}");
        ask(out, api, "POST", "/api/v1/cases/" + caseId + "/actions", "not json");
        ask(out, api, "POST", "/api/v1/pupils/" + upn + "/cases", "{\"policy\": \"no-such-policy\"}");
        ask(out, api, "POST", "/api/v1/pupils/" + upn + "/roll", "{\"change\": \"teleport\", \"urn\": \"" + urn + "\", \"date\": \"2025-10-01\"}");
        ask(out, api, "PUT", "/api/v1/pupils/" + upn + "/contacts", "{\"pupilName\": \"\", \"parents\": [{\"name\": \"\"}]}");
        ask(out, api, "PUT", "/api/v1/schools/" + urn, "{\"name\": \"Nameless\"}");
        ask(out, api, "POST", "/api/v1/marks", "[{\"upn\": \"X\", \"urn\": \"1\", \"date\": \"2025-13-01\", \"session\": \"XM\", \"code\": \"?\"}]");
        ask(out, api, "GET", "/api/v1/cases?status=maybe", null);
        ask(out, api, "GET", "/api/v1/pupils/E801200125002", null);

        // The pages an LA officer reads.
        Http officer = Http.signedIn(port, io.attendance.app.demo.DemoAccounts.OFFICER, io.attendance.app.demo.DemoAccounts.OFFICER_PASSWORD);
        String pupilPage = api.get("/api/v1/pupils/" + upn).json().get("page").asText();
        for (String page : List.of("/", "/schools/" + urn, pupilPage, "/cases/" + caseId, "/tasks")) {
            Http.Response r = officer.get(page);
            out.put(name("PAGE", page), r.status() + "\n" + r.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"")
                    .replaceAll("updated \\d\\d:\\d\\d:\\d\\d", "updated hh:mm:ss"));
        }
        return out;
    }

    private static Http.Response ask(Map<String, String> out, Http api, String method, String path, String body) {
        Http.Response r = switch (method) {
            case "GET" -> api.get(path);
            case "PUT" -> api.put(path, body);
            default -> api.post(path, path.endsWith("/marks") || body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain", body);
        };
        String name = name(method, path);
        for (int n = 2; out.containsKey(name); n++) name = name(method, path).replace(".txt", "-" + n + ".txt"); // the same path asked again
        out.put(name, r.status() + "\n" + r.body());
        return r;
    }

    private static String name(String method, String path) {
        return method + path.replaceAll("[^A-Za-z0-9=-]+", "_") + ".txt";
    }
}
