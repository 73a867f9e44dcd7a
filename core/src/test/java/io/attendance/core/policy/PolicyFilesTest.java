package io.attendance.core.policy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFilesTest {

    private static Policy load(String yaml) {
        return PolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static final String MINIMAL = """
            id: test
            family: test
            version: 1
            effectiveFrom: 2024-09-01
            title: Test
            source: none
            stages:
              one:
                title: One
                cite: a sentence
            actions:
              finish:
                title: Finish
                cite: a sentence
                stages: [one]
                then: [{close: DONE}]
            closureCodes: {DONE: done}
            """;

    @Test
    void all_six_shipped_procedures_load_with_the_ids_schools_name() {
        PolicyRegistry r = PolicyRegistry.shipped();
        assertThat(r.all()).extracting(Policy::id).containsExactlyInAnyOrder("norfolk-quick-guide", "norfolk-guidance",
                "blackburn-with-darwen", "county-attendance-team-2017", "apws", "national-penalty-notice");
    }

    @Test
    void norfolk_guidance_and_quick_guide_are_two_versions_of_one_procedure_chosen_by_date() {
        PolicyRegistry r = PolicyRegistry.shipped();
        assertThat(r.resolve("norfolk-fast-track", LocalDate.of(2024, 7, 1))).get().extracting(Policy::id).isEqualTo("norfolk-guidance");
        assertThat(r.resolve("norfolk-fast-track", LocalDate.of(2024, 9, 2))).get().extracting(Policy::id).isEqualTo("norfolk-quick-guide");
        // naming a document pins it, whatever the date
        assertThat(r.resolve("norfolk-guidance", LocalDate.of(2025, 10, 1))).get().extracting(Policy::version).isEqualTo(1);
    }

    @Test
    void the_national_framework_runs_beside_every_school_from_19_august_2024() {
        PolicyRegistry r = PolicyRegistry.shipped();
        assertThat(r.everySchool(LocalDate.of(2024, 8, 18))).isEmpty();
        assertThat(r.everySchool(LocalDate.of(2024, 8, 19))).extracting(Policy::id).containsExactly("national-penalty-notice");
    }

    @Test
    void a_minimal_policy_loads() {
        assertThat(load(MINIMAL).actionsAllowedIn("one")).containsExactly("finish");
    }

    @Test
    void a_bad_value_is_named_with_its_line_and_path() {
        String bad = MINIMAL.replace("stages: [one]\n", "stages: [one]\n    fields:\n      when: {type: datetime}\n");
        assertThatThrownBy(() -> load(bad)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("test.yaml:17")
                .hasMessageContaining("actions.finish.fields.when")
                .hasMessageContaining("field type 'datetime': use text, date, time, yesno, choice, number, upns or parents");
    }

    @Test
    void an_unknown_key_is_named_with_the_keys_allowed() {
        String bad = MINIMAL.replace("title: One", "title: One\n    letter: [x]");
        assertThatThrownBy(() -> load(bad)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("test.yaml:12").hasMessageContaining("unknown key 'letter'");
    }

    @Test
    void a_span_the_procedures_do_not_use_is_refused() {
        String bad = MINIMAL.replace("cite: a sentence\nactions", "cite: a sentence\n    deadlines: [{name: x, after: 2 fortnights, cite: c}]\nactions");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("'2 fortnights' is not a span");
    }

    @Test
    void cross_references_name_the_path_and_what_exists() {
        String bad = MINIMAL.replace("then: [{close: DONE}]", "then: [{goto: two}, {close: FINISHED}]");
        assertThatThrownBy(() -> load(bad)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("test.yaml: actions.finish.then[0].goto: no stage 'two' (stages: [one])")
                .hasMessageContaining("test.yaml: actions.finish.then[1].close: 'FINISHED' is not in closureCodes [DONE]");
    }

    @Test
    void a_stage_with_no_way_out_is_refused() {
        String bad = MINIMAL.replace("stages: [one]", "stages: [one]\n  other:\n    title: x\n    cite: y\n    stages: [one]\n    then: [{goto: two}]")
                .replace("stages:\n  one:", "stages:\n  two:\n    title: Two\n    cite: c\n  one:");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("stages.two: the stage has no way out");
    }

    @Test
    void two_stages_that_only_send_a_case_to_each_other_are_refused_because_it_could_never_close() {
        // 'one' closes; 'two' and 'three' only pass the case between them (each has a way out, none a way to close).
        String bad = MINIMAL.replace("stages:\n  one:", "stages:\n  two:\n    title: Two\n    cite: c\n    deadlines: [{name: d, after: 5 school days, cite: c, then: [{goto: three}]}]\n"
                        + "  three:\n    title: Three\n    cite: c\n    watch: [{when: {metric: attendance_pct, window: year to date, op: '<', value: 90}, goto: two}]\n  one:");
        assertThatThrownBy(() -> load(bad))
                .hasMessageContaining("stages.two: no path from this stage to a closure (it leads only to [three])")
                .hasMessageContaining("stages.three: no path from this stage to a closure (it leads only to [two])")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("stages.one:"));
    }

    @Test
    void a_condition_on_a_stage_the_case_has_been_in_names_a_real_stage() {
        String bad = MINIMAL.replace("then: [{close: DONE}]", "then: [{when: {entered: stage-3}, close: DONE}, {close: DONE}]");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("actions.finish.then[0].when: no stage 'stage-3' [one] (named by 'entered: stage-3'");
    }

    @Test
    void a_prosecution_period_longer_than_26_weeks_is_refused() {
        String bad = MINIMAL.replace("stages:\n", "prosecutionPeriod: {startsAt: one, window: 6 school weeks, length: 27 weeks, cite: c}\nstages:\n");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("prosecutionPeriod.length '27 weeks': at most 26 weeks");
    }

    @Test
    void a_rule_over_the_prosecution_period_needs_the_policy_to_define_one() {
        String bad = MINIMAL.replace("then: [{close: DONE}]", "then: [{when: {metric: unauthorised_pct, window: prosecution period, op: '>=', value: 15}, close: DONE}, {close: DONE}]");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("a condition or letter reads window 'prosecution period' but the policy defines no prosecutionPeriod");
    }

    @Test
    void a_policy_with_a_prosecution_period_it_reads_and_no_court_pack_stage_loads() {
        String good = MINIMAL.replace("stages:\n", "prosecutionPeriod: {startsAt: one, window: 6 school weeks, length: 26 weeks, cite: c}\nstages:\n")
                .replace("then: [{close: DONE}]", "then: [{when: {metric: unauthorised_pct, window: prosecution period, op: '>=', value: 15}, close: DONE}, {close: DONE}]");
        assertThat(load(good).courtPack()).isNull();
        assertThat(load(good).prosecutionPeriod().lengthWeeks()).isEqualTo(26);
    }

    @Test
    void a_court_pack_due_from_a_stage_the_policy_does_not_have_is_refused() {
        String bad = MINIMAL.replace("stages:\n", "courtPack: {from: court, cite: c}\nstages:\n");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("courtPack.from").hasMessageContaining("court");
        assertThat(load(MINIMAL.replace("stages:\n", "courtPack: {from: one, cite: c}\nstages:\n")).courtPack().from()).isEqualTo("one");
    }

    @Test
    void a_trigger_cannot_read_a_case_window() {
        String bad = MINIMAL.replace("stages:\n", "triggers:\n  - {when: {metric: unauthorised_sessions, window: since stage, op: '>=', value: 1}, stage: one, cite: c}\nstages:\n");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("triggers[0].when: a trigger reads only the pupil's figures");
    }

    @Test
    void not_over_a_figure_is_refused_because_a_figure_not_yet_judged_would_make_it_true() {
        String bad = MINIMAL.replace("stages:\n", "triggers:\n  - {when: {not: {metric: attendance_pct, window: year to date, op: '>=', value: 90}}, stage: one, cite: c}\nstages:\n");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("triggers[0].when: 'not' over a figure would hold while the figure cannot yet be judged");
    }

    @Test
    void minimum_evidence_is_4_school_weeks_unless_the_policy_says_otherwise_in_school_weeks() {
        assertThat(load(MINIMAL).minimumEvidenceWeeks()).isEqualTo(4);
        assertThat(load(MINIMAL.replace("stages:\n", "minimumEvidence: 6 school weeks\nstages:\n")).minimumEvidenceWeeks()).isEqualTo(6);
        assertThatThrownBy(() -> load(MINIMAL.replace("stages:\n", "minimumEvidence: 20 school days\nstages:\n")))
                .hasMessageContaining("minimumEvidence '20 school days': write 'N school weeks'");
    }

    @Test
    void a_since_entering_window_must_name_a_stage_of_the_policy() {
        String bad = MINIMAL.replace("then: [{close: DONE}]",
                "then: [{when: {metric: unauthorised_sessions, window: since entering three, op: '>=', value: 1}, close: DONE}, {close: DONE}]");
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("actions.finish.then[0].when: no stage 'three' [one] (named by 'entered: three' or window 'since entering three')");
    }
}
