package io.attendance.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.attendance.api.auth.Access;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case: its timeline, tasks (overdue ones marked), letters with their PDFs, and a form for
 * each action the procedure allows now. A form posts here; the action goes to the actions API as
 * the signed-in officer, and a refusal comes back on the same page beside the field it names.
 */
final class CasePage {
    private final SelfClient api;
    private final PageRenderer pages;
    private final Access access;
    private final ObjectMapper json;

    CasePage(SelfClient api, PageRenderer pages, Access access, ObjectMapper json) {
        this.api = api;
        this.pages = pages;
        this.access = access;
        this.json = json;
    }

    void show(Context ctx) {
        render(ctx, null, null, null, Map.of());
    }

    void act(Context ctx) {
        String id = ctx.pathParam("id");
        String action = ctx.formParam("action");
        ObjectNode body = json.createObjectNode();
        Map<String, String> entered = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (k.equals(Access.CSRF_FIELD) || v.isEmpty() || v.get(0).isBlank()) return;
            body.put(k, v.get(0).trim());
            entered.put(k, v.get(0).trim());
        });
        SelfClient.Answer a = api.post(ctx, "/api/v1/cases/" + PagesController.enc(id) + "/actions", body.toString());
        if (a.ok()) {
            ctx.redirect("/cases/" + PagesController.enc(id) + "?recorded=" + PagesController.enc(action == null ? "" : action));
            return;
        }
        String field = a.json() != null && a.json().has("field") ? a.json().get("field").asText() : null;
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("^([A-Za-z]+): ").matcher(a.error());
        if (field == null && named.find()) field = named.group(1); // "date: is required" names its field too
        ctx.status(a.status() == 409 ? 409 : 400);
        render(ctx, action, a.error(), field, entered);
    }

    private void render(Context ctx, String failedAction, String error, String errorField, Map<String, String> entered) {
        String id = ctx.pathParam("id");
        JsonNode c = api.get(ctx, "/api/v1/cases/" + PagesController.enc(id));
        Map<String, Object> m = PageModel.of(ctx, access, "Case " + id, "overview", "/live?case=" + PagesController.enc(id));
        m.put("id", id);
        m.put("upn", c.get("upn").asText());
        m.put("urn", c.get("urn").asText());
        m.put("policy", c.get("policy").asText());
        m.put("policyVersion", c.get("policyVersion").asInt());
        m.put("stage", PageModel.label(c.get("stage").asText()));
        m.put("stageTitle", c.path("stageTitle").asText(""));
        m.put("status", c.get("status").asText());
        m.put("open", "open".equals(c.get("status").asText()));
        m.put("openedOn", c.get("openedOn").asText());
        m.put("closureCode", c.get("closureCode").isNull() ? null : c.get("closureCode").asText());
        m.put("recorded", ctx.queryParam("recorded") == null ? null : PageModel.label(ctx.queryParam("recorded")));
        m.put("error", error);
        m.put("errorField", errorField);
        List<Map<String, Object>> history = new ArrayList<>();
        for (JsonNode e : c.get("history")) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("date", e.get("date").asText());
            h.put("type", PageModel.label(e.get("type").asText()));
            List<String> what = new ArrayList<>();
            if (e.has("fromStage")) what.add(PageModel.label(e.get("fromStage").asText()) + " → " + PageModel.label(e.get("stage").asText()));
            if (e.has("action")) what.add("action: " + PageModel.label(e.get("action").asText()));
            if (e.has("letterId")) what.add("letter " + e.get("letterId").asText() + (e.has("letterTitle") ? " — " + e.get("letterTitle").asText() : ""));
            if (e.has("task")) what.add("task: " + e.get("task").asText() + (e.has("due") ? " (due " + e.get("due").asText() + ")" : ""));
            if (e.has("closureCode")) what.add("closed: " + e.get("closureCode").asText());
            if (e.has("detail")) what.add(e.get("detail").asText());
            h.put("what", String.join("; ", what));
            history.add(h);
        }
        java.util.Collections.reverse(history); // newest first: what an officer looks for
        m.put("history", history);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (JsonNode t : c.get("tasks")) {
            tasks.add(Map.of("name", t.get("name").asText(), "due", t.get("due").isNull() ? "–" : t.get("due").asText(),
                    "done", t.get("done").asBoolean(), "overdue", t.get("overdue").asBoolean(),
                    "doneOn", t.get("doneOn").isNull() ? "" : t.get("doneOn").asText()));
        }
        m.put("tasks", tasks);
        List<Map<String, Object>> letters = new ArrayList<>();
        for (JsonNode l : c.path("lettersSent")) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("letter", l.get("letter").asText());
            lm.put("title", l.get("title").asText());
            lm.put("recipient", l.get("recipient").asText());
            lm.put("channel", l.get("channel").asText());
            lm.put("status", PageModel.label(l.get("status").asText()));
            lm.put("sent", "SENT".equals(l.get("status").asText()));
            lm.put("dated", l.get("dated").asText());
            lm.put("pdf", l.get("pdf").isNull() ? null : l.get("pdf").asText());
            letters.add(lm);
        }
        m.put("lettersSent", letters);
        List<Map<String, Object>> requested = new ArrayList<>();
        for (JsonNode l : c.get("letters")) requested.add(Map.of("id", l.get("id").asText(), "title", l.get("title").asText(), "requestedOn", l.get("requestedOn").asText()));
        m.put("lettersRequested", requested);
        List<Map<String, Object>> siblings = PageModel.siblings(c.path("siblings"));
        m.put("siblings", siblings);
        m.put("hasSiblings", !siblings.isEmpty());
        boolean mayRecord = Access.principal(ctx).mayRecord();
        m.put("mayRecord", mayRecord);
        m.put("actions", mayRecord ? forms(c.get("allowedActions"), failedAction, errorField, error, entered) : List.of());
        ctx.html(pages.render("case", m));
    }

    private static List<Map<String, Object>> forms(JsonNode allowed, String failedAction, String errorField, String error,
                                                   Map<String, String> entered) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode a : allowed) {
            String name = a.get("name").asText();
            boolean failed = name.equals(failedAction);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("title", a.get("title").asText(PageModel.label(name)));
            f.put("open", failed);
            List<Map<String, Object>> fields = new ArrayList<>();
            fields.add(field(name, "date", "date", "Date the action was taken", true, null, List.of(), failed, errorField, error, entered));
            for (JsonNode fd : a.get("fields")) {
                List<String> listed = new ArrayList<>();
                fd.path("choices").forEach(ch -> listed.add(ch.asText()));
                String type = fd.get("type").asText();
                List<String> choices = type.equals("yesno") ? List.of("yes", "no") : listed;
                String hint = fd.has("notice") ? "At least " + fd.get("notice").asText() + " after the action's date"
                        + (fd.has("notAfter") ? ", on or before " + fd.get("notAfter").asText() : "")
                        : fd.has("within") ? "Within " + fd.get("within").asText()
                        + (fd.has("notAfter") ? ", on or before " + fd.get("notAfter").asText() : "")
                        : fd.has("notAfter") ? "On or before " + fd.get("notAfter").asText()
                        : type.equals("parents") ? "Parent ids as in the pupil's contacts (e.g. p1, p2), separated by commas"
                        : null;
                fields.add(field(name, fd.get("name").asText(), type, PageModel.label(splitCamel(fd.get("name").asText())),
                        fd.get("required").asBoolean(), hint, choices, failed, errorField, error, entered));
            }
            f.put("fields", fields);
            f.put("formError", failed && (errorField == null || fields.stream().noneMatch(x -> errorField.equals(x.get("field")))) ? error : null);
            out.add(f);
        }
        return out;
    }

    private static Map<String, Object> field(String action, String name, String type, String label, boolean required, String hint,
                                             List<String> choices, boolean failed, String errorField, String error, Map<String, String> entered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", name);
        m.put("inputId", action + "-" + name);
        m.put("label", label + (required ? "" : " (optional)"));
        m.put("hint", hint);
        m.put("inputType", switch (type) {
            case "date" -> "date";
            case "time" -> "time";
            case "number" -> "number";
            default -> "text";
        });
        String value = failed ? entered.getOrDefault(name, "") : "";
        m.put("value", value);
        m.put("radios", choices.isEmpty() ? null : choices.stream().map(ch -> Map.of("value", ch, "label", PageModel.label(ch),
                "checked", ch.equals(value), "id", action + "-" + name + "-" + ch.replaceAll("[^A-Za-z0-9]", "-"))).toList());
        m.put("hasRadios", !choices.isEmpty());
        // Beside the field, the message names the field by its label rather than its id.
        String inline = error != null && error.startsWith(name + ": ") ? label + ": " + error.substring(name.length() + 2) : error;
        m.put("error", failed && name.equals(errorField) ? inline : null);
        return m;
    }

    private static String splitCamel(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
