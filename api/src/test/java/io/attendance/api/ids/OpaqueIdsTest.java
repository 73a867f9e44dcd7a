package io.attendance.api.ids;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** References in URLs: no UPN in them, the same every time, and nothing but what this deployment issued reads back. */
class OpaqueIdsTest {
    private static final String CASE = "A938200125032-100001-norfolk-fast-track-1";
    private final OpaqueIds ids = new OpaqueIds(key(1));

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void a_case_reference_carries_no_upn_and_is_the_same_on_every_instance() {
        String ref = ids.ref(OpaqueIds.Kind.CASE, CASE);
        assertThat(ref).startsWith("c-").doesNotContain("A938200125032").doesNotContain("norfolk").doesNotContain("100001")
                .matches("[A-Za-z0-9_-]+");
        assertThat(new OpaqueIds(key(1)).ref(OpaqueIds.Kind.CASE, CASE)).isEqualTo(ref);
        assertThat(ids.id(OpaqueIds.Kind.CASE, ref)).contains(CASE);
    }

    @Test
    void a_reference_changed_by_one_character_another_kind_or_another_deployments_reads_as_nothing() {
        String ref = ids.ref(OpaqueIds.Kind.CASE, CASE);
        char last = ref.charAt(ref.length() - 1);
        String tampered = ref.substring(0, ref.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(ids.id(OpaqueIds.Kind.CASE, tampered)).isEmpty();
        assertThat(ids.id(OpaqueIds.Kind.PUPIL, "p-" + ref.substring(2))).as("a case's reference is not a pupil's").isEmpty();
        assertThat(new OpaqueIds(key(2)).id(OpaqueIds.Kind.CASE, ref)).isEmpty();
        assertThat(ids.id(OpaqueIds.Kind.CASE, CASE)).as("the id itself").isEmpty();
        assertThat(ids.id(OpaqueIds.Kind.CASE, "c-%%%")).isEmpty();
    }

    @Test
    void two_pupils_have_unrelated_references() {
        String a = ids.ref(OpaqueIds.Kind.PUPIL, "A938200125032"), b = ids.ref(OpaqueIds.Kind.PUPIL, "A938200125033");
        assertThat(a).isNotEqualTo(b);
        // no shared run beyond the prefix and a chance character or two: the references say nothing about each other
        int same = 0;
        for (int i = 2; i < a.length(); i++) if (a.charAt(i) == b.charAt(i)) same++;
        assertThat(same).isLessThan(6);
        assertThat(ids.id(OpaqueIds.Kind.PUPIL, a)).contains("A938200125032");
        assertThat(a.getBytes(StandardCharsets.US_ASCII).length).isLessThan(60);
    }
}
