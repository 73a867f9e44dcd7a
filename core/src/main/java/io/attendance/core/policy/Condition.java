package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * A test over a pupil's live figures or a case's recorded fields. One of:
 * {@code {all: [...]}}, {@code {any: [...]}}, {@code {not: ...}},
 * {@code {metric: unauthorised_sessions, window: 6 school weeks, op: ">=", value: 9}}
 * (value may be {@code school expected}: the school's expected attendance %), or
 * {@code {field: parentsAttended, equals: "yes"}} / {@code {field: route, in: [a, b]}}, or
 * {@code {entered: stage-3}}: the case has been in that stage at some time (a suspended plan
 * resumes at the stage it would have gone to).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Condition(List<Condition> all, List<Condition> any, Condition not,
                        Metric metric, Window window, String op, BigDecimal value, boolean schoolExpected,
                        String field, List<String> in, String entered) {

    public static final String SCHOOL_EXPECTED = "school expected";
    private static final List<String> OPS = List.of(">=", ">", "<", "<=", "==", "!=");

    @JsonCreator
    static Condition of(@JsonProperty("all") List<Condition> all, @JsonProperty("any") List<Condition> any,
                        @JsonProperty("not") Condition not, @JsonProperty("metric") String metric,
                        @JsonProperty("window") String window, @JsonProperty("op") String op,
                        @JsonProperty("value") String value, @JsonProperty("field") String field,
                        @JsonProperty("equals") String equals, @JsonProperty("in") List<String> in,
                        @JsonProperty("entered") String entered) {
        int kinds = (all != null ? 1 : 0) + (any != null ? 1 : 0) + (not != null ? 1 : 0)
                + (metric != null ? 1 : 0) + (field != null ? 1 : 0) + (entered != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a condition is exactly one of all, any, not, metric, field or entered");
        }
        if (entered != null) return new Condition(null, null, null, null, null, null, null, false, null, null, entered);
        if (metric != null) {
            if (window == null) throw new IllegalArgumentException("metric '" + metric + "' needs a window");
            if (!OPS.contains(op)) throw new IllegalArgumentException("op '" + op + "': use one of " + OPS);
            if (value == null) throw new IllegalArgumentException("metric '" + metric + "' needs a value");
            boolean expected = value.trim().equals(SCHOOL_EXPECTED);
            BigDecimal v = null;
            if (!expected) {
                try {
                    v = new BigDecimal(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value '" + value + "' is not a number or '" + SCHOOL_EXPECTED + "'");
                }
            }
            return new Condition(null, null, null, Metric.parse(metric), Window.parse(window), op, v, expected, null, null, null);
        }
        if (field != null) {
            if ((equals == null) == (in == null)) throw new IllegalArgumentException("field '" + field + "' needs equals or in");
            return new Condition(null, null, null, null, null, null, null, false, field, equals != null ? List.of(equals) : List.copyOf(in), null);
        }
        if ((all != null && all.isEmpty()) || (any != null && any.isEmpty())) {
            throw new IllegalArgumentException("all/any needs at least one condition");
        }
        return new Condition(all, any, not, null, null, null, null, false, null, null, null);
    }

    /** What a condition is evaluated against: the pupil's figures and the case's fields. */
    public interface Facts {
        io.attendance.core.pupil.SessionCounts counts(Window window);

        BigDecimal schoolExpectedPct();

        String field(String name);

        /** Whether the case has been in {@code stage} at some time (false with no case). */
        default boolean entered(String stage) {
            return false;
        }

        /**
         * Whether the pupil's register covers the window well enough to judge it: a whole window of
         * N school weeks, or the policy's minimum evidence for the year to date (policies/README.md).
         */
        default boolean judged(Window window) {
            return true;
        }
    }

    /**
     * A percentage, or a count that must stay low, says something only over the whole period it
     * names: on a part of it, it is not judged (false). A count that must reach a figure (>=, >)
     * can only grow as the period fills, so the count decides whenever it is reached.
     */
    private boolean needsWholeWindow() {
        return metric.percentage() || !(op.equals(">=") || op.equals(">"));
    }

    public boolean test(Facts facts) {
        if (all != null) return all.stream().allMatch(c -> c.test(facts));
        if (any != null) return any.stream().anyMatch(c -> c.test(facts));
        if (not != null) return !not.test(facts);
        if (entered != null) return facts.entered(entered);
        if (field != null) {
            String v = facts.field(field);
            return in.contains(v == null ? "" : v); // "" stands for "not recorded"
        }
        if (needsWholeWindow() && !facts.judged(window)) return false;
        BigDecimal threshold = schoolExpected ? facts.schoolExpectedPct() : value;
        Integer cmp = metric.compareTo(facts.counts(window), threshold);
        if (cmp == null) return false;
        return switch (op) {
            case ">=" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case "==" -> cmp == 0;
            default -> cmp != 0;
        };
    }

    /** The largest N of every "N school weeks" window in this condition (0 if none). */
    public int widestSchoolWeeks() {
        int w = window != null && window.kind() == Window.Kind.SCHOOL_WEEKS ? window.schoolWeeks() : 0;
        if (all != null) for (Condition c : all) w = Math.max(w, c.widestSchoolWeeks());
        if (any != null) for (Condition c : any) w = Math.max(w, c.widestSchoolWeeks());
        if (not != null) w = Math.max(w, not.widestSchoolWeeks());
        return w;
    }

    /** Every stage a "since entering <stage>" window of this condition names. */
    public void stagesEntered(java.util.Set<String> out) {
        if (window != null && window.kind() == Window.Kind.SINCE_ENTERING) out.add(window.field());
        if (entered != null) out.add(entered);
        if (all != null) all.forEach(c -> c.stagesEntered(out));
        if (any != null) any.forEach(c -> c.stagesEntered(out));
        if (not != null) not.stagesEntered(out);
    }

    /** Every case field this condition reads (for checking the policy names real fields). */
    public void fieldsRead(java.util.Set<String> out) {
        if (field != null) out.add(field);
        if (window != null && window.kind() == Window.Kind.SINCE_FIELD) out.add(window.field());
        if (all != null) all.forEach(c -> c.fieldsRead(out));
        if (any != null) any.forEach(c -> c.fieldsRead(out));
        if (not != null) not.fieldsRead(out);
    }

    /** The figures behind this condition as they stand: "unauthorised_pct over year to date is 7.50%". */
    public String explain(Facts facts) {
        if (all != null) return String.join("; ", all.stream().map(c -> c.explain(facts)).toList());
        if (any != null) return String.join("; ", any.stream().map(c -> c.explain(facts)).toList());
        if (not != null) return not.explain(facts);
        if (entered != null) return (facts.entered(entered) ? "has been" : "has not been") + " in stage " + entered;
        if (field != null) return field + " is " + facts.field(field);
        String figure = metric.label() + " over " + window + " is " + metric.format(facts.counts(window));
        return needsWholeWindow() && !facts.judged(window) ? figure + " (not judged: too little of the period on the register)" : figure;
    }

    /** Whether any metric under this condition is counted over a window of this kind. */
    public boolean readsWindow(Window.Kind kind) {
        if (window != null && window.kind() == kind) return true;
        if (all != null) return all.stream().anyMatch(c -> c.readsWindow(kind));
        if (any != null) return any.stream().anyMatch(c -> c.readsWindow(kind));
        return not != null && not.readsWindow(kind);
    }

    /** Whether a metric sits anywhere under this condition (a `not` over one would turn "not judged" into true). */
    public boolean readsMetric() {
        if (metric != null) return true;
        if (all != null) return all.stream().anyMatch(Condition::readsMetric);
        if (any != null) return any.stream().anyMatch(Condition::readsMetric);
        return not != null && not.readsMetric();
    }

    /** Every `not` in this condition that negates a metric test. */
    public boolean negatesMetric() {
        if (not != null) return not.readsMetric() || not.negatesMetric();
        if (all != null) return all.stream().anyMatch(Condition::negatesMetric);
        if (any != null) return any.stream().anyMatch(Condition::negatesMetric);
        return false;
    }

    /** For event details: "unauthorised_sessions over 6 school weeks >= 9". */
    public String describe() {
        if (all != null) return String.join(" and ", all.stream().map(Condition::describe).toList());
        if (any != null) return "(" + String.join(" or ", any.stream().map(Condition::describe).toList()) + ")";
        if (not != null) return "not (" + not.describe() + ")";
        if (entered != null) return "the case has been in stage " + entered;
        if (field != null) return field + (in.size() == 1 ? " = " + in.get(0) : " in " + in);
        return metric.label() + " over " + window + " " + op + " " + (schoolExpected ? SCHOOL_EXPECTED : value.toPlainString());
    }
}
