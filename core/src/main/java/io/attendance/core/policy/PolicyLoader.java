package io.attendance.core.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file (YAML or JSON) and checks it: shape and values while reading (errors
 * carry the line), then that every stage, action, field, task and closure code it names exists
 * (errors carry the path). Nothing half-valid is ever returned.
 */
public final class PolicyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private PolicyLoader() {
    }

    public static Policy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new PolicyException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    public static Policy load(InputStream in, String name) {
        Policy p;
        try {
            p = YAML.readValue(in, Policy.class);
        } catch (JsonMappingException e) {
            throw new PolicyException(List.of(name + where(e.getLocation()) + ": " + path(e) + reason(e)));
        } catch (JacksonException e) {
            throw new PolicyException(List.of(name + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PolicyException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        if (p == null) throw new PolicyException(List.of(name + ": empty file"));
        List<String> problems = new ArrayList<>();
        check(p, problems);
        if (!problems.isEmpty()) throw new PolicyException(problems.stream().map(s -> name + ": " + s).toList());
        return p;
    }

    private static String where(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) b.append('[').append(r.getIndex()).append(']');
        }
        return b.length() == 0 ? "" : b + ": ";
    }

    private static String reason(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof IllegalArgumentException) return root.getMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() == java.time.LocalDate.class) {
            return "'" + f.getValue() + "' is not a date (yyyy-mm-dd)";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds() + ")";
        }
        return e.getOriginalMessage();
    }

    /** Cross-references, which no single element can check while being read. */
    static void check(Policy p, List<String> problems) {
        Set<String> stages = p.stages().keySet();
        Set<String> actions = p.actions().keySet();
        Set<String> fields = new HashSet<>();
        p.actions().values().forEach(a -> fields.addAll(a.fields().keySet()));

        for (int i = 0; i < p.triggers().size(); i++) {
            Trigger t = p.triggers().get(i);
            stageExists(stages, t.stage(), "triggers[" + i + "].stage", problems);
            if (t.countsAfter() != null && !actions.contains(t.countsAfter())) {
                problems.add("triggers[" + i + "].countsAfter: no action '" + t.countsAfter() + "' (actions: " + actions + ")");
            }
            conditionFields(t.when(), Set.of(), stages, "triggers[" + i + "].when", problems);
            if (!pupilOnly(t.when())) problems.add("triggers[" + i + "].when: a trigger reads only the pupil's figures "
                    + "over N school weeks or the year to date (there is no case yet)");
        }
        if (p.manualOpen() != null) stageExists(stages, p.manualOpen().stage(), "manualOpen.stage", problems);
        for (Map.Entry<String, Stage> e : p.stages().entrySet()) {
            String at = "stages." + e.getKey();
            Stage s = e.getValue();
            tasks(s.tasks(), stages, actions, fields, at + ".tasks", problems);
            for (int i = 0; i < s.letters().size(); i++) {
                if (s.letters().get(i).when() != null) problems.add(at + ".letters[" + i + "].when: only an action's own letters take 'when'");
                letterTo(s.letters().get(i), fields, at + ".letters[" + i + "].to", problems);
            }
            for (int i = 0; i < s.deadlines().size(); i++) {
                DeadlineRequest d = s.deadlines().get(i);
                from(d.from(), fields, stages, at + ".deadlines[" + i + "].from", problems);
                rules(d.then(), p, fields, at + ".deadlines[" + i + "].then", problems);
            }
            rules(s.watch(), p, fields, at + ".watch", problems);
            boolean way = !s.deadlines().isEmpty() || !s.watch().isEmpty() || !p.actionsAllowedIn(e.getKey()).isEmpty();
            if (!way) problems.add(at + ": the stage has no way out (no action allowed in it, no deadline, no watch rule)");
        }
        for (Map.Entry<String, ActionSpec> e : p.actions().entrySet()) {
            String at = "actions." + e.getKey();
            ActionSpec a = e.getValue();
            for (int i = 0; i < a.stages().size(); i++) stageExists(stages, a.stages().get(i), at + ".stages[" + i + "]", problems);
            if (e.getKey().equals("open")) problems.add(at + ": 'open' is reserved for opening a case by hand");
            rules(a.then(), p, fields, at + ".then", problems);
            for (int i = 0; i < a.letters().size(); i++) {
                LetterRequest l = a.letters().get(i);
                if (l.when() != null) conditionFields(l.when(), fields, stages, at + ".letters[" + i + "].when", problems);
                letterTo(l, fields, at + ".letters[" + i + "].to", problems);
            }
            for (int i = 0; i < a.requires().size(); i++) conditionFields(a.requires().get(i).when(), fields, stages, at + ".requires[" + i + "].when", problems);
            if (a.labels().size() > 0 && a.limit() == null) problems.add(at + ".labels: labels name the 1st, 2nd... of a limited action: add a limit");
            if (a.withdraws() != null) {
                ActionSpec w = p.actions().get(a.withdraws());
                if (w == null || w.limit() == null) problems.add(at + ".withdraws: '" + a.withdraws() + "' is not a limited action of this policy");
                else if (!a.fields().containsKey(w.limit().per())) problems.add(at + ".withdraws: needs the field '" + w.limit().per() + "' naming which to withdraw");
            }
            if (a.limit() != null && !a.fields().containsKey(a.limit().per())) {
                problems.add(at + ".limit.per: the action has no field '" + a.limit().per() + "'");
            }
        }
        closable(p, problems);
        if (p.onMove() != null) {
            if (p.onMove().close() != null && !p.closureCodes().containsKey(p.onMove().close())) {
                problems.add("onMove.close: '" + p.onMove().close() + "' is not in closureCodes " + p.closureCodes().keySet());
            }
            for (String st : p.onMove().transferIn()) if (!st.equals(OnMove.ALL)) stageExists(stages, st, "onMove.transferIn", problems);
        }
        if (p.courtPack() != null) stageExists(stages, p.courtPack().from(), "courtPack.from", problems);
        if (p.prosecutionPeriod() != null) stageExists(stages, p.prosecutionPeriod().startsAt(), "prosecutionPeriod.startsAt", problems);
        else if (readsProsecutionPeriod(p)) problems.add("a condition or letter reads window 'prosecution period' but the policy defines no prosecutionPeriod");
        for (Map.Entry<String, ActionSpec> e : p.actions().entrySet()) {
            for (Map.Entry<String, FieldSpec> f : e.getValue().fields().entrySet()) {
                String na = f.getValue().notAfter();
                if (na == null) continue;
                String at = "actions." + e.getKey() + ".fields." + f.getKey() + ".notAfter";
                if (na.equals(FieldSpec.PROSECUTION_PERIOD_END)) {
                    if (p.prosecutionPeriod() == null) problems.add(at + ": the policy defines no prosecutionPeriod");
                } else if (!fields.contains(na)) {
                    problems.add(at + ": '" + na + "' is neither '" + FieldSpec.PROSECUTION_PERIOD_END + "' nor a field an action records");
                }
            }
        }
        for (String code : p.closureCodes().keySet()) {
            if (!code.matches("[A-Z0-9-]+")) problems.add("closureCodes." + code + ": codes are upper case, e.g. ATI");
        }
    }

    /**
     * Every stage must lead to a closure — through its watch rules, deadlines or the actions allowed
     * in it, directly or by way of later stages — or a case could wait in it, or loop, for ever.
     */
    private static void closable(Policy p, List<String> problems) {
        Map<String, Set<String>> next = new java.util.LinkedHashMap<>();
        Set<String> closes = new HashSet<>();
        for (String stage : p.stages().keySet()) {
            List<Rule> out = new ArrayList<>(p.stages().get(stage).watch());
            p.stages().get(stage).deadlines().forEach(d -> out.addAll(d.then()));
            p.actionsAllowedIn(stage).forEach(a -> out.addAll(p.actions().get(a).then()));
            Set<String> to = new java.util.TreeSet<>();
            for (Rule r : out) {
                if (r.close() != null) closes.add(stage);
                if (r.goTo() != null && p.stages().containsKey(r.goTo())) to.add(r.goTo());
            }
            next.put(stage, to);
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var e : next.entrySet()) {
                if (!closes.contains(e.getKey()) && e.getValue().stream().anyMatch(closes::contains)) grew = closes.add(e.getKey());
            }
        }
        for (var e : next.entrySet()) {
            if (closes.contains(e.getKey())) continue;
            problems.add("stages." + e.getKey() + ": no path from this stage to a closure (it leads only to "
                    + (e.getValue().isEmpty() ? "itself" : e.getValue()) + "): add a rule or action that closes");
        }
    }

    private static void rules(List<Rule> rules, Policy p, Set<String> fields, String at, List<String> problems) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String here = at + "[" + i + "]";
            if (r.goTo() != null) stageExists(p.stages().keySet(), r.goTo(), here + ".goto", problems);
            if (r.close() != null && !p.closureCodes().containsKey(r.close())) {
                problems.add(here + ".close: '" + r.close() + "' is not in closureCodes " + p.closureCodes().keySet());
            }
            if (r.when() != null) conditionFields(r.when(), fields, p.stages().keySet(), here + ".when", problems);
            for (int j = 0; j < r.letters().size(); j++) {
                if (r.letters().get(j).when() != null) problems.add(here + ".letters[" + j + "].when: only an action's own letters take 'when' (a rule has its own)");
                letterTo(r.letters().get(j), fields, here + ".letters[" + j + "].to", problems);
            }
            tasks(r.tasks(), p.stages().keySet(), p.actions().keySet(), fields, here + ".tasks", problems);
        }
    }

    private static void letterTo(LetterRequest l, Set<String> fields, String at, List<String> problems) {
        int colon = l.to().indexOf(':');
        if (colon > 0 && !fields.contains(l.to().substring(colon + 1))) {
            problems.add(at + ": no action has a field '" + l.to().substring(colon + 1) + "'");
        }
    }

    /** A {@code from}: a date field an action records, or "entering <stage>". */
    private static void from(String from, Set<String> fields, Set<String> stages, String at, List<String> problems) {
        if (from == null) return;
        if (from.startsWith("entering ")) {
            String stage = from.substring("entering ".length());
            if (!stages.contains(stage)) problems.add(at + ": no stage '" + stage + "' (stages: " + stages + ")");
        } else if (!fields.contains(from)) {
            problems.add(at + ": no action has a field '" + from + "' (or write 'entering <stage>')");
        }
    }

    private static void tasks(List<TaskRequest> tasks, Set<String> stages, Set<String> actions, Set<String> fields, String at, List<String> problems) {
        for (int i = 0; i < tasks.size(); i++) {
            TaskRequest t = tasks.get(i);
            for (String a : t.doneBy()) {
                if (!actions.contains(a)) problems.add(at + "[" + i + "].doneBy: no action '" + a + "' (actions: " + actions + ")");
            }
            from(t.from(), fields, stages, at + "[" + i + "].from", problems);
        }
    }

    private static void conditionFields(Condition c, Set<String> fields, Set<String> stages, String at, List<String> problems) {
        Set<String> entered = new HashSet<>();
        c.stagesEntered(entered);
        for (String s : entered) if (!stages.contains(s)) problems.add(at + ": no stage '" + s + "' " + stages + " (named by 'entered: " + s + "' or window 'since entering " + s + "')");
        Set<String> read = new HashSet<>();
        c.fieldsRead(read);
        for (String f : read) if (!fields.contains(f)) problems.add(at + ": no action records a field '" + f + "'");
        if (c.negatesMetric()) {
            problems.add(at + ": 'not' over a figure would hold while the figure cannot yet be judged (too little of its "
                    + "period on the register): write the opposite test instead (e.g. op '<' for not '>=')");
        }
    }

    private static boolean readsProsecutionPeriod(Policy p) {
        List<Condition> all = new ArrayList<>();
        p.triggers().forEach(t -> all.add(t.when()));
        List<Rule> rules = new ArrayList<>();
        p.stages().values().forEach(s -> {
            rules.addAll(s.watch());
            s.deadlines().forEach(d -> rules.addAll(d.then()));
        });
        p.actions().values().forEach(a -> {
            rules.addAll(a.then());
            a.requires().forEach(r -> all.add(r.when()));
        });
        rules.forEach(r -> all.add(r.when()));
        List<LetterRequest> letters = new ArrayList<>();
        p.stages().values().forEach(s -> letters.addAll(s.letters()));
        rules.forEach(r -> letters.addAll(r.letters()));
        boolean letterReads = letters.stream().anyMatch(l -> l.evidence() != null
                && Window.parse(l.evidence()).kind() == Window.Kind.PROSECUTION_PERIOD);
        return letterReads || all.stream().anyMatch(c -> c != null && c.readsWindow(Window.Kind.PROSECUTION_PERIOD));
    }

    private static boolean pupilOnly(Condition c) {
        if (c.all() != null) return c.all().stream().allMatch(PolicyLoader::pupilOnly);
        if (c.any() != null) return c.any().stream().allMatch(PolicyLoader::pupilOnly);
        if (c.not() != null) return pupilOnly(c.not());
        if (c.field() != null || c.entered() != null) return false;
        return c.window().kind() == io.attendance.core.policy.Window.Kind.SCHOOL_WEEKS
                || c.window().kind() == io.attendance.core.policy.Window.Kind.YEAR_TO_DATE;
    }

    private static void stageExists(Set<String> stages, String name, String at, List<String> problems) {
        if (!stages.contains(name)) problems.add(at + ": no stage '" + name + "' (stages: " + stages + ")");
    }
}
