package io.attendance.core.retention;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retention table read as a DPO reads it: dates worked by hand from "6 years from the end of the school year". */
class RetentionScheduleTest {
    private final RetentionClass registers = RetentionSchedule.shipped().forTopic("marks").orElseThrow();

    @Test
    void an_autumn_mark_is_kept_until_six_years_after_the_following_august() {
        // 15 Sep 2025 belongs to 2025/26, which ends 31 Aug 2026: kept through 31 Aug 2032, due on 1 Sep 2032 (00:00 BST = 23:00Z).
        Instant recorded = Instant.parse("2025-09-15T08:40:00Z");
        assertThat(registers.dueAt(recorded)).isEqualTo(Instant.parse("2032-08-31T23:00:00Z"));
        assertThat(registers.due(recorded, Instant.parse("2032-08-31T22:59:59Z"))).isFalse();
        assertThat(registers.due(recorded, Instant.parse("2032-08-31T23:00:00Z"))).isTrue();
    }

    @Test
    void a_summer_mark_of_the_same_school_year_goes_on_the_same_day_and_september_starts_the_next_year() {
        assertThat(registers.dueAt(Instant.parse("2026-07-20T08:40:00Z"))).isEqualTo(Instant.parse("2032-08-31T23:00:00Z"));
        assertThat(registers.dueAt(Instant.parse("2026-09-01T08:40:00Z"))).isEqualTo(Instant.parse("2033-08-31T23:00:00Z"));
        assertThat(RetentionClass.endOfSchoolYear(LocalDate.of(2026, 8, 31))).isEqualTo(LocalDate.of(2026, 8, 31));
    }

    @Test
    void kafkas_backstop_never_deletes_a_record_before_it_is_due() {
        // The longest wait is a mark made on 1 September: 7 years to the day (2557 days, two of them 29 Februarys).
        Instant first = Instant.parse("2027-09-01T07:00:00Z");
        long wait = registers.dueAt(first).toEpochMilli() - first.toEpochMilli();
        assertThat(registers.backstopMs()).isGreaterThanOrEqualTo(wait);
        assertThat(registers.backstopMs()).isLessThan(java.time.Duration.ofDays(7 * 366 + 2).toMillis());
    }

    @Test
    void short_lived_classes_count_from_the_record_and_schools_are_kept() {
        RetentionSchedule table = RetentionSchedule.shipped();
        assertThat(table.forTopic("pupil-changes").orElseThrow().backstopMs()).isEqualTo(3_600_000L);
        assertThat(table.forTopic("session-revocations").orElseThrow().dueAt(Instant.parse("2026-01-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-09T00:00:00Z"));
        assertThat(table.forTopic("schools").orElseThrow().forever()).isTrue();
        assertThat(table.forFiles("outbox").orElseThrow().name()).isEqualTo("cases");
        assertThat(registers.describeKeep()).isEqualTo("6 years from the end of the school year");
    }

    @Test
    void a_table_naming_a_topic_twice_or_a_period_that_is_not_one_is_refused_with_the_row() {
        String twice = "classes:\n- {name: a, keep: P1Y, from: recorded, source: s, topics: [marks]}\n"
                + "- {name: b, keep: P1Y, from: recorded, source: s, topics: [marks]}\n";
        assertThatThrownBy(() -> RetentionSchedule.read(new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), "t.yaml"))
                .hasMessageContaining("topic marks is in both a and b");
        String bad = "classes:\n- {name: a, keep: six years, from: recorded, topics: [marks]}\n";
        assertThatThrownBy(() -> RetentionSchedule.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "t.yaml"))
                .hasMessageContaining("t.yaml: classes[0].keep: 'six years' is not a period")
                .hasMessageContaining("classes[0].source: is required");
    }
}
