package io.attendance.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInLimitsTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2025-09-08T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final SignInLimits limits = SignInLimits.standard(clock);

    @Test
    void five_failures_lock_the_account_until_the_first_is_fifteen_minutes_old() {
        for (int i = 0; i < 5; i++) {
            limits.attempt("jo", "10.0.0." + i); // failed: never marked as succeeded
            clock.now = clock.now.plusSeconds(60);
        }
        // First failure at 09:00, now 09:05: locked until 09:15, from any address.
        assertThatThrownBy(() -> limits.attempt("jo", "10.0.0.99")).isInstanceOfSatisfying(SignInLimits.Exceeded.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(10).toSeconds()));
        assertThat(limits.wait("sam", "10.0.0.99")).as("other accounts are not locked").isEmpty();
        clock.now = Instant.parse("2025-09-08T09:15:00Z");
        assertThat(limits.wait("jo", "10.0.0.99")).isEmpty();
        limits.attempt("jo", "10.0.0.99");
        assertThat(limits.wait("jo", "10.0.0.99")).as("four failures in the window again (09:01–09:04) plus this one")
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void twenty_failures_from_one_address_lock_it_whatever_the_account() {
        for (int i = 0; i < 20; i++) limits.attempt("user" + i, "10.0.0.1");
        assertThatThrownBy(() -> limits.attempt("someone-new", "10.0.0.1")).isInstanceOf(SignInLimits.Exceeded.class);
        assertThat(limits.wait("someone-new", "10.0.0.2")).as("another address may still try").isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(limits.wait("someone-new", "10.0.0.1")).isEmpty();
    }

    @Test
    void a_success_forgives_the_account_but_not_the_address() {
        for (int i = 0; i < 4; i++) limits.attempt("jo", "10.0.0.1");
        limits.succeeded(limits.attempt("jo", "10.0.0.1"));
        for (int i = 0; i < 4; i++) limits.attempt("jo", "10.0.0.1");
        assertThat(limits.wait("jo", "10.0.0.2")).as("four failures since the success").isEmpty();
        for (int i = 0; i < 11; i++) limits.attempt("user" + i, "10.0.0.1");
        assertThat(limits.wait("anyone", "10.0.0.1")).as("4 + 4 + 11 failures: the success is not one of them").isEmpty();
        limits.attempt("user-20", "10.0.0.1");
        assertThat(limits.wait("anyone", "10.0.0.1")).isPresent();
    }
}
