package io.attendance.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The settings that guard real families' data must not be the examples from the docs: a service
 * outside the demo refuses to start on a placeholder ("change-me…") or a short value. Unset is
 * allowed: no admin key means none is accepted; no session secret means a random one per process.
 */
final class Secrets {
    static final int MIN_LENGTH = 32;

    private Secrets() {
    }

    static List<String> problems(UnaryOperator<String> env, String... settings) {
        List<String> out = new ArrayList<>();
        for (String name : settings) {
            String v = env.apply(name);
            if (v == null || v.isEmpty()) continue;
            if (v.trim().toLowerCase(Locale.ROOT).startsWith("change-me")) {
                out.add(name + " is the placeholder from the examples ('change-me…'): set a random value of at least "
                        + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
            } else if (v.trim().length() < MIN_LENGTH) {
                out.add(name + " is " + v.trim().length() + " characters long: use a random value of at least " + MIN_LENGTH + " characters");
            }
        }
        return out;
    }
}
