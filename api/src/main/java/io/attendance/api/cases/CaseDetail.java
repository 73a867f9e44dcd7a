package io.attendance.api.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attendance.api.pupils.PupilView;
import io.attendance.core.cases.CaseEngine;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.FieldSpec;
import io.attendance.core.policy.Policy;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One case: GET /api/v1/cases/{id}. Its summary's fields, then its history, tasks, letters and the actions allowed now. */
public record CaseDetail(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String id, String upn, String urn, String policy, int policyVersion, String stage, String status,
                         String openedOn, String closedOn, String closureCode, boolean overdue,
                         String stageTitle, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String linkedCase, Period prosecutionPeriod, Map<String, String> fields,
                         List<Event> history, List<Task> tasks, List<LetterRequest> letters, List<Action> allowedActions,
                         List<LetterView> lettersSent, List<Sibling> siblings,
                         @JsonInclude(JsonInclude.Include.NON_NULL) CourtPack courtPack) {

    /**
     * Where the case's court pack is, once the case has entered the stage its policy names for it
     * ({@code courtPack.from}); absent before. Only staff who act on cases may fetch it.
     */
    public record CourtPack(String dueFrom, String since, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseLinkOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseLinkIn.class) String pdf, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseLinkOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseLinkIn.class) String herringboneCsv) {
    }

    /** The period a prosecution rests on, once fixed, and the last day to lay an information (s127 MCA 1980). */
    public record Period(String start, String end, String layInformationBy) {
    }

    public record Event(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.EventIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.EventIdIn.class) String id, String date, String type, String stage,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String fromStage,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String action,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String letterId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String letterTitle,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String task,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String due,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String closureCode,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String linkedCase,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> fields) {
        static Event of(CaseEvent e) {
            return new Event(e.getEventId(), e.getDate().toString(), e.getType().name(), e.getStage(), e.getFromStage(), e.getAction(),
                    e.getLetterId(), e.getLetterTitle(), e.getTask(), CaseSummary.str(e.getDue()), e.getClosureCode(), e.getLinkedCase(),
                    e.getDetail().isEmpty() ? null : e.getDetail(),
                    e.getType() == CaseEventType.ACTION_RECORDED && !e.getFields().isEmpty() ? e.getFields() : null);
        }
    }

    public record Task(String name, String created, String due, boolean done, String doneOn, boolean overdue) {
    }

    /** A letter the engine asked the notifier for (one per parent follows in lettersSent). */
    public record LetterRequest(String id, String title, String requestedOn, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.EventIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.EventIdIn.class) String event) {
    }

    public record Action(String name, String title, List<Field> fields) {
    }

    public record Field(String name, String type, boolean required,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> choices,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String within,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String notAfter) {
    }

    /** A sibling named on the case, with their figures where the caller may see them and they have marks. */
    public record Sibling(String upn, @JsonInclude(JsonInclude.Include.NON_NULL) PupilView attendance) {
    }

    static CaseDetail of(CaseState c, Policy policy, List<LetterView> sent, List<Sibling> siblings) {
        CaseSummary s = CaseSummary.of(c);
        String stageTitle = policy == null || policy.stages().get(c.getStage()) == null ? null : policy.stages().get(c.getStage()).title();
        // Shown once fixed (the policy defines one and the case reached the stage that starts it).
        Period period = policy == null ? null : CaseEngine.prosecutionPeriod(c, policy)
                .map(p -> new Period(p[0].toString(), p[1].toString(), p[2].toString())).orElse(null);
        List<Event> history = c.getHistory().stream().map(Event::of).toList();
        List<Task> tasks = c.getTasks().stream().map(t -> new Task(t.getName(), CaseSummary.str(t.getCreated()), CaseSummary.str(t.getDue()),
                t.getDone(), CaseSummary.str(t.getDoneOn()), t.getMissed() && !t.getDone())).toList();
        List<LetterRequest> letters = c.getLetters().stream().map(l -> new LetterRequest(l.getLetterId(), l.getTitle(),
                CaseSummary.str(l.getRequestedOn()), l.getEventId())).toList();
        List<Action> allowed = "open".equals(c.getStatus()) && policy != null ? allowed(policy, c.getStage()) : List.of();
        CourtPack pack = io.attendance.core.courtpack.CourtPacks.availableFrom(c, policy).map(d -> new CourtPack(policy.courtPack().from(),
                d.toString(), "/api/v1/cases/" + c.getCaseId() + "/court-pack.pdf", "/api/v1/cases/" + c.getCaseId() + "/herringbone.csv")).orElse(null);
        return new CaseDetail(s.id(), s.upn(), s.urn(), s.policy(), s.policyVersion(), s.stage(), s.status(), s.openedOn(), s.closedOn(),
                s.closureCode(), s.overdue(), stageTitle, c.getLinkedCase(), period, new TreeMap<>(c.getFields()), history, tasks, letters,
                allowed, sent, siblings, pack);
    }

    /** The same case with its siblings' figures added. */
    CaseDetail withSiblings(List<Sibling> named) {
        return new CaseDetail(id, upn, urn, policy, policyVersion, stage, status, openedOn, closedOn, closureCode, overdue, stageTitle,
                linkedCase, prosecutionPeriod, fields, history, tasks, letters, allowedActions, lettersSent, named, courtPack);
    }

    static List<Action> allowed(Policy policy, String stage) {
        List<Action> out = new ArrayList<>();
        for (String name : policy.actionsAllowedIn(stage)) {
            ActionSpec a = policy.actions().get(name);
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, FieldSpec> f : a.fields().entrySet()) {
                FieldSpec spec = f.getValue();
                fields.add(new Field(f.getKey(), spec.type().name().toLowerCase(), spec.required(),
                        spec.choices().isEmpty() ? null : spec.choices(), CaseSummary.str(spec.notice()), CaseSummary.str(spec.within()),
                        spec.notAfter()));
            }
            out.add(new Action(name, a.title(), fields));
        }
        return out;
    }
}
