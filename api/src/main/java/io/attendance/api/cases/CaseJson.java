package io.attendance.api.cases;

import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseLetter;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.CaseTask;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.FieldSpec;
import io.attendance.core.policy.Policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cases as the API shows them. */
final class CaseJson {
    private CaseJson() {
    }

    static boolean overdue(CaseState c) {
        return "open".equals(c.getStatus()) && c.getTasks().stream().anyMatch(t -> t.getMissed() && !t.getDone());
    }

    static Map<String, Object> summary(CaseState c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getCaseId());
        m.put("upn", c.getUpn());
        m.put("urn", c.getUrn());
        m.put("policy", c.getPolicy());
        m.put("policyVersion", c.getPolicyVersion());
        m.put("stage", c.getStage());
        m.put("status", c.getStatus());
        m.put("openedOn", str(c.getOpenedOn()));
        m.put("closedOn", str(c.getClosedOn()));
        m.put("closureCode", c.getClosureCode());
        m.put("overdue", overdue(c));
        return m;
    }

    static Map<String, Object> detail(CaseState c, Policy policy) {
        Map<String, Object> m = summary(c);
        m.put("stageTitle", policy == null ? null : policy.stages().get(c.getStage()) == null ? null : policy.stages().get(c.getStage()).title());
        m.put("linkedCase", c.getLinkedCase());
        // Shown once fixed (the policy defines one and the case reached the stage that starts it).
        var period = policy == null ? java.util.Optional.<java.time.LocalDate[]>empty() : io.attendance.core.cases.CaseEngine.prosecutionPeriod(c, policy);
        m.put("prosecutionPeriod", period.map(p -> ordered("start", p[0].toString(), "end", p[1].toString(), "layInformationBy", p[2].toString())).orElse(null));
        m.put("fields", new java.util.TreeMap<>(c.getFields()));
        List<Map<String, Object>> history = new ArrayList<>();
        for (CaseEvent e : c.getHistory()) history.add(event(e));
        m.put("history", history);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (CaseTask t : c.getTasks()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.getName());
            tm.put("created", str(t.getCreated()));
            tm.put("due", str(t.getDue()));
            tm.put("done", t.getDone());
            tm.put("doneOn", str(t.getDoneOn()));
            tm.put("overdue", t.getMissed() && !t.getDone());
            tasks.add(tm);
        }
        m.put("tasks", tasks);
        List<Map<String, Object>> letters = new ArrayList<>();
        for (CaseLetter l : c.getLetters()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", l.getLetterId());
            lm.put("title", l.getTitle());
            lm.put("requestedOn", str(l.getRequestedOn()));
            lm.put("event", l.getEventId());
            letters.add(lm);
        }
        m.put("letters", letters);
        m.put("allowedActions", "open".equals(c.getStatus()) && policy != null ? allowed(policy, c.getStage()) : List.of());
        return m;
    }

    static List<Map<String, Object>> allowed(Policy policy, String stage) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : policy.actionsAllowedIn(stage)) {
            ActionSpec a = policy.actions().get(name);
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("name", name);
            am.put("title", a.title());
            List<Map<String, Object>> fields = new ArrayList<>();
            for (Map.Entry<String, FieldSpec> f : a.fields().entrySet()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("name", f.getKey());
                fm.put("type", f.getValue().type().name().toLowerCase());
                fm.put("required", f.getValue().required());
                if (!f.getValue().choices().isEmpty()) fm.put("choices", f.getValue().choices());
                if (f.getValue().notice() != null) fm.put("notice", f.getValue().notice().toString());
                if (f.getValue().within() != null) fm.put("within", f.getValue().within().toString());
                if (f.getValue().notAfter() != null) fm.put("notAfter", f.getValue().notAfter());
                fields.add(fm);
            }
            am.put("fields", fields);
            out.add(am);
        }
        return out;
    }

    private static Map<String, Object> event(CaseEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getEventId());
        m.put("date", e.getDate().toString());
        m.put("type", e.getType().name());
        m.put("stage", e.getStage());
        if (e.getFromStage() != null) m.put("fromStage", e.getFromStage());
        if (e.getAction() != null) m.put("action", e.getAction());
        if (e.getLetterId() != null) m.put("letterId", e.getLetterId());
        if (e.getLetterTitle() != null) m.put("letterTitle", e.getLetterTitle());
        if (e.getTask() != null) m.put("task", e.getTask());
        if (e.getDue() != null) m.put("due", e.getDue().toString());
        if (e.getClosureCode() != null) m.put("closureCode", e.getClosureCode());
        if (e.getLinkedCase() != null) m.put("linkedCase", e.getLinkedCase());
        if (!e.getDetail().isEmpty()) m.put("detail", e.getDetail());
        if (e.getType() == io.attendance.schemas.CaseEventType.ACTION_RECORDED && !e.getFields().isEmpty()) m.put("fields", e.getFields());
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** What the notifier recorded of one letter (its PDF is at {@code pdf}). */
    public static Map<String, Object> letter(io.attendance.schemas.Letter l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("letterId", l.getLetterId());
        m.put("letter", l.getLetterRef());
        m.put("title", l.getTitle());
        m.put("parentId", l.getParentId());
        m.put("recipient", l.getRecipient());
        m.put("channel", l.getChannel());
        m.put("status", l.getStatus().name());
        m.put("dated", str(l.getDated()));
        m.put("producedAt", l.getProducedAt().toString());
        m.put("sentAt", l.getSentAt() == null ? null : l.getSentAt().toString());
        m.put("providerReference", l.getProviderReference());
        m.put("contentHash", l.getContentHash());
        m.put("attempts", l.getAttempts());
        m.put("failure", l.getFailure());
        m.put("pdf", l.getPdf().remaining() == 0 ? null : "/api/v1/letters/" + l.getLetterId() + ".pdf");
        return m;
    }

    /** A JSON object whose keys keep this order (Map.of's order changes from one run to the next). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
