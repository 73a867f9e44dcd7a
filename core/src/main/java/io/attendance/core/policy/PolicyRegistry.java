package io.attendance.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every policy version the engine knows. A school's {@code policy} field names a policy id or a
 * family: a family means "the newest version in force on the day"; an id pins that document.
 */
public final class PolicyRegistry {
    /** The files shipped in the jar (the top-level {@code policies/} folder). */
    public static final List<String> SHIPPED = List.of("norfolk-quick-guide", "norfolk-guidance", "blackburn-with-darwen",
            "county-attendance-team-2017", "apws", "national-penalty-notice");

    private final Map<String, Policy> byId = new LinkedHashMap<>();

    public PolicyRegistry(List<Policy> policies) {
        List<String> problems = new ArrayList<>();
        for (Policy p : policies) {
            if (byId.putIfAbsent(p.id(), p) != null) problems.add("policy id '" + p.id() + "' is defined twice");
        }
        Map<String, Policy> versions = new LinkedHashMap<>();
        for (Policy p : policies) {
            Policy twin = versions.putIfAbsent(p.family() + "#" + p.version(), p);
            if (twin != null && twin != p) problems.add("policies " + twin.id() + " and " + p.id() + " are both version " + p.version() + " of " + p.family());
            if (byId.containsKey(p.family()) && !byId.get(p.family()).family().equals(p.family())) {
                problems.add("family '" + p.family() + "' is also another family's policy id");
            }
        }
        if (!problems.isEmpty()) throw new PolicyException(problems);
    }

    public static PolicyRegistry shipped() {
        List<Policy> out = new ArrayList<>();
        for (String id : SHIPPED) {
            String res = "/policies/" + id + ".yaml";
            try (InputStream in = PolicyRegistry.class.getResourceAsStream(res)) {
                if (in == null) throw new IllegalStateException(res + " is missing from the classpath");
                out.add(PolicyLoader.load(in, id + ".yaml"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PolicyRegistry(out);
    }

    /** The shipped policies, with the folder's files added (a file with a shipped id replaces it). */
    public static PolicyRegistry shippedPlus(Path folder) {
        Map<String, Policy> all = new LinkedHashMap<>();
        shipped().all().forEach(p -> all.put(p.id(), p));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                try {
                    Policy p = PolicyLoader.load(f);
                    all.put(p.id(), p);
                } catch (PolicyException e) {
                    problems.addAll(e.problems());
                }
            }
        } catch (IOException e) {
            throw new PolicyException(List.of(folder + ": cannot list: " + e.getMessage()));
        }
        if (!problems.isEmpty()) throw new PolicyException(problems);
        return new PolicyRegistry(new ArrayList<>(all.values()));
    }

    public List<Policy> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Policy> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A specific version of a family (what a case keeps). */
    public Optional<Policy> version(String family, int version) {
        return byId.values().stream().filter(p -> p.family().equals(family) && p.version() == version).findFirst();
    }

    /**
     * The policy a school naming {@code name} follows on {@code date}: a pinned id, or the newest
     * version of a family whose effectiveFrom is on or before the date.
     */
    public Optional<Policy> resolve(String name, LocalDate date) {
        Policy pinned = byId.get(name);
        if (pinned != null) return Optional.of(pinned);
        return byId.values().stream().filter(p -> p.family().equals(name) && !p.effectiveFrom().isAfter(date))
                .max(Comparator.comparingInt(Policy::version));
    }

    /** Whether {@code name} is a loaded policy id or family (what a school's {@code policy} may name). */
    public boolean knows(String name) {
        return byId.containsKey(name) || byId.values().stream().anyMatch(p -> p.family().equals(name));
    }

    /** Frameworks that run beside every school's own policy (e.g. national penalty notices). */
    public List<Policy> everySchool(LocalDate date) {
        Map<String, Policy> newest = new LinkedHashMap<>();
        for (Policy p : byId.values()) {
            if (!p.everySchool() || p.effectiveFrom().isAfter(date)) continue;
            newest.merge(p.family(), p, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return List.copyOf(newest.values());
    }
}
