package io.attendance.app.clock;

import io.attendance.schemas.ClockTick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Live day ends from a fixed clock: England's local time, stamps never in the future, catch-up. */
class WallClockTest {
    @TempDir
    Path dir;

    record Sent(LocalDate day, Instant at, int schools) {
    }

    private final List<Sent> sent = new ArrayList<>();

    private WallClock clockAt(String utc, String tickAt) {
        return new WallClock((ticks, at) -> sent.add(new Sent(ticks.get(0).getDate(), at, ticks.size())),
                () -> List.of("100001", "100002"), LocalTime.parse(tickAt), dir.resolve("last-tick"),
                Clock.fixed(Instant.parse(utc), ZoneOffset.UTC));
    }

    private void lastTicked(String day) throws Exception {
        Files.writeString(dir.resolve("last-tick"), day);
    }

    @Test
    void at_09_00_with_tick_at_14_33_the_day_has_not_ended_and_at_14_40_it_ends_stamped_14_33_not_18_00() throws Exception {
        lastTicked("2025-11-11");
        clockAt("2025-11-12T09:00:00Z", "14:33").catchUp();
        assertThat(sent).isEmpty();
        clockAt("2025-11-12T14:40:00Z", "14:33").catchUp(); // GMT in November: 14:40 in England
        assertThat(sent).containsExactly(new Sent(LocalDate.parse("2025-11-12"), Instant.parse("2025-11-12T14:33:00Z"), 2));
        assertThat(Files.readString(dir.resolve("last-tick"))).isEqualTo("2025-11-12");
    }

    @Test
    void at_18_00_in_summer_the_day_ends_at_18_00_england_time_which_is_17_00_utc() throws Exception {
        lastTicked("2026-06-09");
        clockAt("2026-06-10T16:59:00Z", "18:00").catchUp(); // 17:59 BST
        assertThat(sent).isEmpty();
        clockAt("2026-06-10T17:00:00Z", "18:00").catchUp(); // 18:00 BST
        assertThat(sent).containsExactly(new Sent(LocalDate.parse("2026-06-10"), Instant.parse("2026-06-10T17:00:00Z"), 2));
    }

    @Test
    void on_the_clock_change_sundays_each_day_ends_at_18_00_of_its_own_local_time() throws Exception {
        // Clocks go forward on Sun 29 Mar 2026 and back on Sun 25 Oct 2026.
        lastTicked("2026-03-27");
        clockAt("2026-03-30T08:00:00Z", "18:00").catchUp();
        assertThat(sent).extracting(Sent::at).containsExactly(
                Instant.parse("2026-03-28T18:00:00Z"),  // Saturday, GMT
                Instant.parse("2026-03-29T17:00:00Z")); // Sunday, BST
        sent.clear();
        lastTicked("2026-10-23");
        clockAt("2026-10-26T08:00:00Z", "18:00").catchUp();
        assertThat(sent).extracting(Sent::at).containsExactly(
                Instant.parse("2026-10-24T17:00:00Z"),  // Saturday, BST
                Instant.parse("2026-10-25T18:00:00Z")); // Sunday, GMT again
    }

    @Test
    void after_downtime_each_missed_day_ends_in_order_at_most_the_last_366() throws Exception {
        lastTicked("2024-01-01");
        clockAt("2025-11-12T19:00:00Z", "18:00").catchUp();
        assertThat(sent).hasSize(366);
        assertThat(sent.get(0).day()).isEqualTo(LocalDate.parse("2024-11-12"));
        assertThat(sent.get(365).day()).isEqualTo(LocalDate.parse("2025-11-12"));
        assertThat(sent).extracting(Sent::day).isSorted();
    }

    @Test
    void a_day_end_already_written_is_not_written_again_and_a_restart_before_it_was_recorded_writes_it_again() throws Exception {
        lastTicked("2025-11-12");
        clockAt("2025-11-12T20:00:00Z", "18:00").catchUp();
        assertThat(sent).isEmpty(); // already ended: nothing repeated
        // A restart between publishing 13 Nov and recording it: the record still says 12 Nov, so 13 Nov is
        // written again — the topology applies a school's day end once (ticks are idempotent).
        clockAt("2025-11-13T18:30:00Z", "18:00").catchUp();
        lastTicked("2025-11-12");
        clockAt("2025-11-13T18:31:00Z", "18:00").catchUp();
        assertThat(sent).extracting(Sent::day).containsExactly(LocalDate.parse("2025-11-13"), LocalDate.parse("2025-11-13"));
    }

    @Test
    void the_first_start_ends_only_the_last_day_that_has_ended() {
        clockAt("2025-11-12T10:00:00Z", "18:00").catchUp();
        assertThat(sent).extracting(Sent::day).containsExactly(LocalDate.parse("2025-11-11"));
        assertThat(sent.get(0).at()).isEqualTo(Instant.parse("2025-11-11T18:00:00Z"));
    }
}
