package io.attendance.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One version of an LA's procedure, as read from its policy file. Versions of one procedure share
 * a {@code family}; a case runs to the end under the version it opened under.
 *
 * @param everySchool true for a framework that runs beside every school's own policy (national penalty notices)
 */
public record Policy(String id, String family, int version, LocalDate effectiveFrom, String title, String source,
                     boolean everySchool, List<Trigger> triggers, ManualOpening manualOpen,
                     LinkedHashMap<String, Stage> stages, LinkedHashMap<String, ActionSpec> actions,
                     LinkedHashMap<String, String> closureCodes, List<NotEncoded> notEncoded, int minimumEvidenceWeeks,
                     ProsecutionPeriod prosecutionPeriod, Provisional provisional, OnMove onMove, CourtPackFrom courtPack) {

    /**
     * School weeks of register a pupil needs this year (before the current week) before a
     * percentage over the year to date is judged: policies/README.md "Minimum evidence".
     */
    public static final int DEFAULT_MINIMUM_EVIDENCE_WEEKS = 4;

    @JsonCreator
    static Policy of(@JsonProperty("id") String id, @JsonProperty("family") String family,
                     @JsonProperty("version") Integer version, @JsonProperty("effectiveFrom") LocalDate effectiveFrom,
                     @JsonProperty("title") String title, @JsonProperty("source") String source,
                     @JsonProperty("appliesTo") String appliesTo, @JsonProperty("triggers") List<Trigger> triggers,
                     @JsonProperty("manualOpen") ManualOpening manualOpen,
                     @JsonProperty("stages") LinkedHashMap<String, Stage> stages,
                     @JsonProperty("actions") LinkedHashMap<String, ActionSpec> actions,
                     @JsonProperty("closureCodes") LinkedHashMap<String, String> closureCodes,
                     @JsonProperty("notEncoded") List<NotEncoded> notEncoded,
                     @JsonProperty("minimumEvidence") String minimumEvidence,
                     @JsonProperty("prosecutionPeriod") ProsecutionPeriod prosecutionPeriod,
                     @JsonProperty("provisional") Provisional provisional,
                     @JsonProperty("onMove") OnMove onMove,
                     @JsonProperty("courtPack") CourtPackFrom courtPack) {
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) throw new IllegalArgumentException("id '" + id + "': lower-case words joined by '-'");
        if (family == null || !family.matches("[a-z0-9]+(-[a-z0-9]+)*")) throw new IllegalArgumentException("family '" + family + "': lower-case words joined by '-'");
        if (version == null || version < 1) throw new IllegalArgumentException("version must be a whole number >= 1");
        if (effectiveFrom == null) throw new IllegalArgumentException("effectiveFrom (yyyy-mm-dd) is required");
        LocalDate from = effectiveFrom;
        if (title == null || source == null) throw new IllegalArgumentException("a policy needs a title and its source document");
        boolean every;
        if (appliesTo == null || appliesTo.equals("schools naming it")) every = false;
        else if (appliesTo.equals("every school")) every = true;
        else throw new IllegalArgumentException("appliesTo '" + appliesTo + "': 'schools naming it' or 'every school'");
        if (stages == null || stages.isEmpty()) throw new IllegalArgumentException("a policy needs stages");
        int evidence = DEFAULT_MINIMUM_EVIDENCE_WEEKS;
        if (minimumEvidence != null) {
            Span s = Span.parse(minimumEvidence);
            if (s.unit() != Span.Unit.SCHOOL_WEEKS || s.count() < 1) {
                throw new IllegalArgumentException("minimumEvidence '" + minimumEvidence + "': write 'N school weeks' (N at least 1)");
            }
            evidence = s.count();
        }
        return new Policy(id, family, version, from, title, source, every, triggers == null ? List.of() : triggers,
                manualOpen, stages, actions == null ? new LinkedHashMap<>() : actions,
                closureCodes == null ? new LinkedHashMap<>() : closureCodes, notEncoded == null ? List.of() : notEncoded, evidence,
                prosecutionPeriod, provisional, onMove, courtPack);
    }

    public Stage stage(String name) {
        Stage s = stages.get(name);
        if (s == null) throw new IllegalArgumentException("policy " + id + " has no stage '" + name + "'");
        return s;
    }

    /** The actions allowed in a stage, in the file's order. */
    public List<String> actionsAllowedIn(String stage) {
        return actions.entrySet().stream().filter(e -> e.getValue().stages().contains(stage)).map(java.util.Map.Entry::getKey).toList();
    }
}
