package io.attendance.streams.topology;

import io.attendance.contract.MarkKey;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.Session;
import io.attendance.streams.query.RegisterReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.attendance.core.testing.DemoCalendars.RIVERSIDE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the register said before (court packs are challenged on amendments): every recording a session's
 * standing mark replaced with another code, kept beside the register, read back per session in time order.
 */
class MarkHistoryTest {
    private static final String PUPIL = Upn.of(926, 2001, 25, 7);
    private final TopologyFixture f = new TopologyFixture(DemoCalendars.riverside());

    @AfterEach
    void close() {
        f.close();
    }

    private List<RegisterEntry> register() {
        return RegisterReader.entries(f.driver.getKeyValueStore(StoreNames.PUPIL_MARKS), f.driver.getKeyValueStore(StoreNames.MARK_HISTORY), PUPIL);
    }

    private RegisterEntry session(String date, String session) {
        return register().stream().filter(e -> e.date().toString().equals(date) && e.session().equals(session)).findFirst().orElseThrow();
    }

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @Test
    void an_o_amended_to_i_keeps_the_o_with_when_it_was_recorded_and_a_repeat_of_the_same_code_is_no_amendment() {
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "O", at("2025-09-08T09:05:00Z"));
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "O", at("2025-09-08T09:30:00Z")); // recorded again, same code
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "I", at("2025-09-10T16:00:00Z"));
        RegisterEntry e = session("2025-09-08", "AM");
        assertThat(e.standing()).isEqualTo(new Recording("I", at("2025-09-10T16:00:00Z"), "test"));
        // the O stood from its first recording (09:05): sent again at 09:30 it was no new recording
        assertThat(e.earlier()).containsExactly(new Recording("O", at("2025-09-08T09:05:00Z"), "test"));
    }

    @Test
    void a_correction_recorded_at_the_same_moment_and_a_late_older_recording_are_both_kept() {
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-09", Session.PM, "\\", at("2025-09-09T13:10:00Z"));
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-09", Session.PM, "L", at("2025-09-09T13:10:00Z")); // same moment, another code
        // an earlier recording arriving late (e.g. from a second MIS export) changes nothing but is evidence
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-09", Session.PM, "N", at("2025-09-09T13:05:00Z"));
        RegisterEntry e = session("2025-09-09", "PM");
        assertThat(e.standing().code()).isEqualTo("L");
        assertThat(e.earlier()).containsExactly(new Recording("N", at("2025-09-09T13:05:00Z"), "test"), new Recording("\\", at("2025-09-09T13:10:00Z"), "test"));
    }

    @Test
    void a_mark_withdrawn_shows_what_it_was_and_a_mark_recorded_again_after_shows_the_whole_chain() {
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-10", Session.AM, "O", at("2025-09-10T09:00:00Z"));
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-11", Session.AM, "G", at("2025-09-11T09:00:00Z"));
        f.marks.pipeInput(new MarkKey(RIVERSIDE, PUPIL, LocalDate.parse("2025-09-10"), Session.AM).format(), null);
        f.marks.pipeInput(new MarkKey(RIVERSIDE, PUPIL, LocalDate.parse("2025-09-11"), Session.AM).format(), null);
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-11", Session.AM, "/", at("2025-09-12T08:00:00Z"));
        RegisterEntry withdrawn = session("2025-09-10", "AM");
        assertThat(withdrawn.retracted()).isTrue();
        assertThat(withdrawn.earlier()).containsExactly(new Recording("O", at("2025-09-10T09:00:00Z"), "test"));
        RegisterEntry again = session("2025-09-11", "AM");
        assertThat(again.standing().code()).isEqualTo("/");
        assertThat(again.earlier()).containsExactly(new Recording("G", at("2025-09-11T09:00:00Z"), "test"));
    }
}
