package io.attendance.api.auth;

import io.attendance.core.policy.Window;



import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per account and per client address over a sliding window: once either
 * has failed too often, sign-in is refused without checking the password until the oldest failure
 * leaves the window. Javalin's bundled rate limiting counts every request per address and path on
 * the wall clock, which cannot count failures per account. Each instance counts its own.
 */
public final class SignInLimits {
    /** Keys kept before expired ones are swept out: names and addresses are the caller's to choose. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Window accounts;
    private final Window addresses;
    private final Clock clock;

    public SignInLimits(int perAccount, int perAddress, Duration window, Clock clock) {
        this.accounts = new Window(perAccount, window);
        this.addresses = new Window(perAddress, window);
        this.clock = clock;
    }

    /** 5 failures per account and 20 per address in 15 minutes. */
    public static SignInLimits standard(Clock clock) {
        return new SignInLimits(5, 20, Duration.ofMinutes(15), clock);
    }

    /** How long this account and address must wait before trying again; empty when they may try now. */
    public synchronized Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(accounts.wait(key(username), now), addresses.wait(key(address), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** An attempt under way, counted as failed until it {@link #succeeded}. */
    public record Attempt(String account, String address, Instant at) {
    }

    /**
     * Counts an attempt as failed before its password is checked, so attempts made in parallel
     * cannot overrun the limit.
     *
     * @throws Exceeded when the account or the address has already failed too often
     */
    public synchronized Attempt attempt(String username, String address) {
        wait(username, address).ifPresent(w -> {
            throw new Exceeded(w);
        });
        Attempt a = new Attempt(key(username), key(address), clock.instant());
        accounts.add(a.account(), a.at());
        addresses.add(a.address(), a.at());
        return a;
    }

    /** The account's failures are forgiven; the address's earlier ones are not (it may be trying many accounts). */
    public synchronized void succeeded(Attempt a) {
        accounts.failures.remove(a.account());
        Deque<Instant> times = addresses.failures.get(a.address());
        if (times != null) times.removeLastOccurrence(a.at());
    }

    /** Thrown for an attempt refused unchecked. */
    public static final class Exceeded extends RuntimeException {
        private final Duration retryAfter;

        public Exceeded(Duration retryAfter) {
            super("too many failed sign-ins: try again in " + retryAfter.toSeconds() + " s");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, rounded up, as {@code Retry-After} gives them. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private static String key(String s) {
        String k = s == null ? "" : s.trim();
        return k.length() > 200 ? k.substring(0, 200) : k;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static final class Window {
        final int limit;
        final Duration length;
        final Map<String, Deque<Instant>> failures = new HashMap<>();

        Window(int limit, Duration length) {
            this.limit = limit;
            this.length = length;
        }

        Duration wait(String key, Instant now) {
            Deque<Instant> times = failures.get(key);
            if (times == null) return Duration.ZERO;
            drop(times, now);
            if (times.isEmpty()) failures.remove(key);
            return times.size() < limit ? Duration.ZERO : Duration.between(now, times.peekFirst().plus(length));
        }

        void add(String key, Instant now) {
            if (failures.size() > SWEEP_ABOVE) {
                failures.values().forEach(times -> drop(times, now));
                failures.values().removeIf(Deque::isEmpty);
            }
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            drop(times, now);
            times.addLast(now);
        }

        private void drop(Deque<Instant> times, Instant now) {
            while (!times.isEmpty() && !times.peekFirst().plus(length).isAfter(now)) times.removeFirst();
        }
    }
}
