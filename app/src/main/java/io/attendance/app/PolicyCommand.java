package io.attendance.app;

import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyException;
import io.attendance.core.policy.PolicyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code attendance policy check FILE...}: validates policy files without starting anything. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy files.",
        subcommands = PolicyCommand.Check.class)
public final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate policy files: every problem is printed as file:line: path: reason. Exit 0 when all are valid.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files (YAML or JSON).")
        Path[] files;

        @Override
        public Integer call() {
            int bad = 0;
            for (Path f : files) {
                try {
                    Policy p = PolicyLoader.load(f);
                    System.out.printf("%s: OK — %s version %d of %s, effective from %s: %d stages, %d actions, %d triggers, %d closure codes%n",
                            f, p.id(), p.version(), p.family(), p.effectiveFrom(), p.stages().size(), p.actions().size(),
                            p.triggers().size(), p.closureCodes().size());
                } catch (PolicyException e) {
                    bad++;
                    e.problems().forEach(System.err::println);
                }
            }
            return bad == 0 ? 0 : 1;
        }
    }
}
