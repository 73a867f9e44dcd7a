package io.attendance.api.pages;

import io.attendance.api.ActionRefused;
import io.attendance.api.ApiError;
import io.attendance.api.auth.Access;
import io.attendance.api.cases.ActionRequest;
import io.attendance.api.cases.CaseDetail;
import io.attendance.api.query.Caller;
import io.attendance.core.pupil.PlainText;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case: its timeline, tasks (overdue ones marked), letters with their PDFs, and a form for
 * each action the procedure allows now. A form posts here; the action is recorded by the same
 * service as the actions API, as the signed-in officer, and a refusal comes back on the same page
 * beside the field it names.
 */
final class CasePage {
    private final Services services;
    private final PageRenderer pages;
    private final Access access;

    CasePage(Services services, PageRenderer pages, Access access) {
        this.services = services;
        this.pages = pages;
        this.access = access;
    }

    void show(Context ctx) {
        render(ctx, null, null, null, Map.of());
    }

    void act(Context ctx) {
        String id = services.cases().caseIdOf(ctx.pathParam("id"));
        String action = ctx.formParam("action");
        Map<String, String> entered = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (k.equals(Access.CSRF_FIELD) || v.isEmpty() || v.get(0).isBlank()) return;
            entered.put(k, v.get(0).trim());
        });
        try {
            services.cases().act(Caller.of(ctx, access), id, request(entered));
        } catch (ApiError e) {
            String field = e instanceof ActionRefused r && r.field() != null ? r.field() : fieldNamedBy(e.getMessage());
            ctx.status(e.status() == 409 ? 409 : 400);
            render(ctx, action, e.getMessage(), field, entered);
            return;
        }
        ctx.redirect(services.links().casePage(id) + "?recorded=" + PagesController.enc(action == null ? "" : action));
    }

    /** The form as the actions API reads a body: action, date, and the action's fields (a missing one is the service's to refuse). */
    private static ActionRequest request(Map<String, String> entered) {
        java.time.LocalDate date = io.attendance.api.Bodies.date("date", entered.get("date"));
        Map<String, String> fields = new LinkedHashMap<>(entered);
        fields.remove("action");
        fields.remove("date");
        fields.forEach((k, v) -> PlainText.problemWith(v).ifPresent(why -> {
            throw new ApiError(400, k + ": " + why);
        }));
        return new ActionRequest(entered.get("action"), date, fields);
    }

    /** "date: is required" names its field too. */
    private static String fieldNamedBy(String error) {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("^([A-Za-z]+): ").matcher(error);
        return named.find() ? named.group(1) : null;
    }

    private void render(Context ctx, String failedAction, String error, String errorField, Map<String, String> entered) {
        String id = services.cases().caseIdOf(ctx.pathParam("id"));
        CaseDetail c = Services.waitingOutRebalance(() -> services.cases().caseDetail(Caller.of(ctx, access), id));
        io.attendance.api.audit.AccessAudit.reading(ctx, c.upn(), c.urn(), "case", c.id());
        // the title (kept in browser history) names no pupil; the page itself does
        Map<String, Object> m = PageModel.of(ctx, access, "Case", "overview", "/live?case=" + PagesController.enc(ctx.pathParam("id")));
        m.put("id", id);
        m.put("page", services.links().casePage(id));
        m.put("pupilPage", services.links().pupilPage(c.upn()));
        m.put("upn", c.upn());
        m.put("urn", c.urn());
        m.put("policy", c.policy());
        m.put("policyVersion", c.policyVersion());
        m.put("stage", PageModel.label(c.stage()));
        m.put("stageTitle", c.stageTitle() == null ? "" : c.stageTitle());
        m.put("status", c.status());
        m.put("open", "open".equals(c.status()));
        m.put("openedOn", c.openedOn());
        m.put("closureCode", c.closureCode());
        m.put("recorded", ctx.queryParam("recorded") == null ? null : PageModel.label(ctx.queryParam("recorded")));
        m.put("error", error);
        m.put("errorField", errorField);
        List<Map<String, Object>> history = new ArrayList<>();
        for (CaseDetail.Event e : c.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("date", e.date());
            h.put("type", PageModel.label(e.type()));
            List<String> what = new ArrayList<>();
            if (e.fromStage() != null) what.add(PageModel.label(e.fromStage()) + " → " + PageModel.label(e.stage()));
            if (e.action() != null) what.add("action: " + PageModel.label(e.action()));
            if (e.letterId() != null) what.add("letter " + e.letterId() + (e.letterTitle() != null ? " — " + e.letterTitle() : ""));
            if (e.task() != null) what.add("task: " + e.task() + (e.due() != null ? " (due " + e.due() + ")" : ""));
            if (e.closureCode() != null) what.add("closed: " + e.closureCode());
            if (e.detail() != null) what.add(e.detail());
            h.put("what", String.join("; ", what));
            history.add(h);
        }
        java.util.Collections.reverse(history); // newest first: what an officer looks for
        m.put("history", history);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (CaseDetail.Task t : c.tasks()) {
            tasks.add(Map.of("name", t.name(), "due", t.due() == null ? "–" : t.due(), "done", t.done(), "overdue", t.overdue(),
                    "doneOn", t.doneOn() == null ? "" : t.doneOn()));
        }
        m.put("tasks", tasks);
        List<Map<String, Object>> letters = new ArrayList<>();
        for (io.attendance.api.cases.LetterView l : c.lettersSent()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("letter", l.letter());
            lm.put("title", l.title());
            lm.put("recipient", l.recipient());
            lm.put("channel", l.channel());
            lm.put("status", PageModel.label(l.status()));
            lm.put("sent", "SENT".equals(l.status()));
            lm.put("dated", String.valueOf(l.dated()));
            lm.put("pdf", services.links().letterFile(l.pdf()));
            letters.add(lm);
        }
        m.put("lettersSent", letters);
        List<Map<String, Object>> requested = new ArrayList<>();
        for (CaseDetail.LetterRequest l : c.letters()) requested.add(Map.of("id", l.id(), "title", l.title(), "requestedOn", l.requestedOn()));
        m.put("lettersRequested", requested);
        List<Map<String, Object>> siblings = PageModel.siblings(c.siblings(), services.links());
        m.put("siblings", siblings);
        m.put("hasSiblings", !siblings.isEmpty());
        boolean mayRecord = Access.principal(ctx).mayRecord();
        m.put("mayRecord", mayRecord);
        // The pack names the parents and their addresses: offered to staff who act on cases, once it is due.
        if (mayRecord && c.courtPack() != null) {
            m.put("courtPack", Map.of("pdf", services.links().caseFile(c.courtPack().pdf()), "csv", services.links().caseFile(c.courtPack().herringboneCsv()),
                    "since", c.courtPack().since()));
        }
        m.put("actions", mayRecord ? forms(c.allowedActions(), failedAction, errorField, error, entered) : List.of());
        ctx.html(pages.render("case", m));
    }

    private static List<Map<String, Object>> forms(List<CaseDetail.Action> allowed, String failedAction, String errorField, String error,
                                                   Map<String, String> entered) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseDetail.Action a : allowed) {
            String name = a.name();
            boolean failed = name.equals(failedAction);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("title", a.title() == null ? PageModel.label(name) : a.title());
            f.put("open", failed);
            List<Map<String, Object>> fields = new ArrayList<>();
            fields.add(field(name, "date", "date", "Date the action was taken", true, null, List.of(), failed, errorField, error, entered));
            for (CaseDetail.Field fd : a.fields()) {
                List<String> listed = fd.choices() == null ? List.of() : fd.choices();
                String type = fd.type();
                List<String> choices = type.equals("yesno") ? List.of("yes", "no") : listed;
                String notAfter = fd.notAfter() != null ? ", on or before " + fd.notAfter() : "";
                String hint = fd.notice() != null ? "At least " + fd.notice() + " after the action's date" + notAfter
                        : fd.within() != null ? "Within " + fd.within() + notAfter
                        : fd.notAfter() != null ? "On or before " + fd.notAfter()
                        : type.equals("parents") ? "Parent ids as in the pupil's contacts (e.g. p1, p2), separated by commas"
                        : null;
                fields.add(field(name, fd.name(), type, PageModel.label(splitCamel(fd.name())),
                        fd.required(), hint, choices, failed, errorField, error, entered));
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
