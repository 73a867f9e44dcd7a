package io.attendance.core.cases;

import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.CaseIndex;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening by hand: one rule for the API's check and the engine's, each read from the policy files. */
class OpenByHandTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.shipped();
    private static final LocalDate MON_29_SEP_2025 = LocalDate.of(2025, 9, 29);

    @Test
    void a_school_on_the_norfolk_quick_guide_opens_a_norfolk_fast_track_case_at_the_policy_s_manual_stage() {
        OpenByHand.Decision d = OpenByHand.check(DemoCalendars.riverside(), null, MON_29_SEP_2025, POLICIES, family -> null);
        assertThat(d.allowed()).isTrue();
        assertThat(d.policy().id()).isEqualTo("norfolk-quick-guide");
        assertThat(d.policy().family()).isEqualTo("norfolk-fast-track");
    }

    @Test
    void a_second_case_of_the_same_family_is_refused_while_the_first_is_open() {
        CaseIndex open = new CaseIndex("E801200125001-100001-norfolk-fast-track-1", "E801200125001-100001-norfolk-fast-track-1", 1, false);
        OpenByHand.Decision d = OpenByHand.check(DemoCalendars.riverside(), null, MON_29_SEP_2025, POLICIES,
                family -> family.equals("norfolk-fast-track") ? open : null);
        assertThat(d.allowed()).isFalse();
        assertThat(d.refusal().status()).isEqualTo(409);
        assertThat(d.refusal().message()).endsWith("already open for this pupil: E801200125001-100001-norfolk-fast-track-1");
    }

    @Test
    void the_national_penalty_notice_opens_only_from_the_register_never_by_hand() {
        OpenByHand.Decision d = OpenByHand.check(DemoCalendars.riverside(), "national-penalty-notice", MON_29_SEP_2025, POLICIES, family -> null);
        assertThat(d.refusal().status()).isEqualTo(409);
        assertThat(d.refusal().message()).contains("does not allow opening a case by hand");
    }

    @Test
    void a_procedure_family_with_no_version_in_force_on_the_day_names_the_field() {
        // Norfolk's first fast-track version (the guidance) takes effect on 3 Sep 2018: nothing runs the day before.
        OpenByHand.Decision d = OpenByHand.check(DemoCalendars.riverside(), "norfolk-fast-track", LocalDate.of(2018, 9, 2), POLICIES, family -> null);
        assertThat(d.refusal().status()).isEqualTo(400);
        assertThat(d.refusal().field()).isEqualTo("policy");
    }
}
