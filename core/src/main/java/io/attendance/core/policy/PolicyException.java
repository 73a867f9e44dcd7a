package io.attendance.core.policy;

import java.util.List;

/** A policy file that cannot be used, with every problem found: "file:line: path: reason". */
public final class PolicyException extends RuntimeException {
    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
