package io.attendance.notifier;

import io.attendance.notifier.render.LetterFiles;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.DeadlineRequest;
import io.attendance.core.policy.LetterRequest;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.policy.Rule;
import io.attendance.core.policy.Stage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A policy that asks for a letter with no template would fail in production; this fails first. */
class TemplatesCoverPoliciesTest {
    @Test
    void every_letter_every_shipped_policy_can_request_has_a_template() {
        LetterFiles files = new LetterFiles(null);
        List<String> missing = new ArrayList<>();
        int letters = 0;
        for (Policy p : PolicyRegistry.shipped().all()) {
            for (LetterRequest l : letters(p)) {
                letters++;
                if (files.template(p.id(), l.id()).isEmpty()) missing.add(p.id() + ": " + l.id());
            }
        }
        assertThat(letters).isGreaterThan(30);
        assertThat(missing).isEmpty();
        assertThat(files.letterhead("Northshire")).isPresent();
    }

    private static List<LetterRequest> letters(Policy p) {
        List<Rule> rules = new ArrayList<>();
        List<LetterRequest> out = new ArrayList<>();
        for (Stage s : p.stages().values()) {
            out.addAll(s.letters());
            rules.addAll(s.watch());
            for (DeadlineRequest d : s.deadlines()) rules.addAll(d.then());
        }
        for (ActionSpec a : p.actions().values()) rules.addAll(a.then());
        for (Rule r : rules) out.addAll(r.letters());
        return out;
    }
}
