package io.attendance.streams.topology;

import io.attendance.contract.DeadLetters;

import io.attendance.schemas.RollChange;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.Roll;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.attendance.core.testing.DemoCalendars.RIVERSIDE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pupil's school is where they are on roll, not where the last mark came from: a mark from
 * another school is counted but moves nobody; the LA's confirmed move or dual registration does.
 */
class RollTest {
    private final School riverside = DemoCalendars.riverside();
    private static final String HILLTOP = "100003";
    private final School hilltop = DemoCalendars.year2025(HILLTOP, "Hilltop Academy", "norfolk-quick-guide", 95);
    private final TopologyFixture f = new TopologyFixture(riverside, hilltop);
    private final TestInputTopic<String, RollChange> roll = f.driver.createInputTopic(f.topics.rollChanges.name(),
            Serdes.String().serializer(), f.topics.rollChanges.valueSerde().serializer());
    private final TestOutputTopic<byte[], byte[]> rollDlq = f.driver.createOutputTopic(f.topics.rollChangesDlq.name(),
            Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    private static final String UPN = Upn.of(938, 4001, 25, 77);

    @AfterEach
    void close() {
        f.close();
    }

    private KeyValueStore<String, String> schoolPupils() {
        return f.driver.getKeyValueStore(StoreNames.SCHOOL_PUPILS);
    }

    private void change(String change, String urn, String date) {
        roll.pipeInput(UPN, new RollChange("c-" + change + date, UPN, urn, change, LocalDate.parse(date), "officer"));
    }

    @Test
    void one_mark_from_another_school_is_recorded_but_moves_no_figure_and_leaves_the_pupil_with_their_school() {
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        // Hilltop's MIS posts one mark for Riverside's pupil, on a later date.
        f.mark(HILLTOP, UPN, "2025-09-09", Session.AM, "O");

        assertThat(f.state(UPN).getUrn()).isEqualTo(RIVERSIDE);
        assertThat(Roll.seenBy(f.state(UPN))).containsExactly(RIVERSIDE);
        assertThat(f.stats(riverside, UPN).yearToDate().possible()).as("Hilltop's session is not counted yet").isEqualTo(2);
        assertThat(f.stats(riverside, UPN).yearToDate().unauthorised()).isZero();
        assertThat(f.state(UPN).getLatestDate()).isEqualTo(java.time.LocalDate.parse("2025-09-08"));
        assertThat(f.driver.<String, io.attendance.schemas.MarkCell>getKeyValueStore(StoreNames.PUPIL_MARKS)
                .get(UPN + "|2025-09-09|AM|" + HILLTOP).getCode()).as("recorded in the register").isEqualTo("O");
        assertThat(schoolPupils().get(RIVERSIDE + "|" + UPN)).isNotNull();
        assertThat(schoolPupils().get(HILLTOP + "|" + UPN)).isNull();
        assertThat(f.state(UPN).getRoll()).extracting(e -> e.getUrn() + " " + e.getRegistration() + " " + e.getFrom())
                .containsExactly("100001 main 2025-09-08", "100003 unconfirmed 2025-09-09");
    }

    @Test
    void the_la_confirms_a_move_and_the_new_school_holds_the_pupil_from_that_day() {
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        f.day(HILLTOP, UPN, "2025-09-15", "/", "\\");
        change("move", HILLTOP, "2025-09-15");

        assertThat(f.state(UPN).getUrn()).isEqualTo(HILLTOP);
        assertThat(Roll.seenBy(f.state(UPN))).containsExactly(HILLTOP);
        assertThat(f.state(UPN).getRoll()).extracting(e -> e.getUrn() + " " + e.getRegistration() + " " + e.getFrom() + ".." + e.getTo())
                .containsExactly("100001 main 2025-09-08..2025-09-14", "100003 main 2025-09-15..null");
        assertThat(schoolPupils().get(RIVERSIDE + "|" + UPN)).isNull();
        assertThat(schoolPupils().get(HILLTOP + "|" + UPN)).isNotNull();
        assertThat(rollDlq.isEmpty()).isTrue();
    }

    @Test
    void a_dual_registration_lets_both_schools_see_the_pupil_until_it_ends() {
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        change("dual", HILLTOP, "2025-09-10");
        assertThat(Roll.seenBy(f.state(UPN))).containsExactlyInAnyOrder(RIVERSIDE, HILLTOP);
        assertThat(f.state(UPN).getUrn()).as("the main school keeps the pupil's cases").isEqualTo(RIVERSIDE);

        change("end-dual", HILLTOP, "2025-10-03");
        assertThat(Roll.seenBy(f.state(UPN))).containsExactly(RIVERSIDE);
    }

    @Test
    void a_change_that_cannot_apply_goes_to_the_dead_letter_topic_with_its_reason() {
        change("move", HILLTOP, "2025-09-15"); // no marks yet: no pupil record
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        change("move", RIVERSIDE, "2025-09-15"); // already there
        assertThat(rollDlq.readRecordsToList()).extracting(r -> DeadLetters.reasonOf(r.headers()))
                .containsExactly("upn: no marks recorded for that pupil: a roll change needs the pupil's record",
                        "move: the pupil's main school is already 100001");
        assertThat(f.state(UPN).getUrn()).isEqualTo(RIVERSIDE);
    }

    @Test
    void once_the_la_confirms_a_dual_registration_the_sessions_that_school_recorded_count() {
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        f.mark(HILLTOP, UPN, "2025-09-09", Session.AM, "O");
        change("dual", HILLTOP, "2025-09-09");
        assertThat(f.stats(riverside, UPN).yearToDate().possible()).isEqualTo(3);
        assertThat(f.stats(riverside, UPN).yearToDate().unauthorised()).isEqualTo(1);
        // An amendment of that session by Hilltop now moves the figures as any counted mark does.
        f.mark(HILLTOP, UPN, "2025-09-09", Session.AM, "I");
        assertThat(f.stats(riverside, UPN).yearToDate().unauthorised()).isZero();
        assertThat(f.stats(riverside, UPN).yearToDate().authorised()).isEqualTo(1);
    }

    @Test
    void a_move_dated_before_the_pupil_joined_their_school_is_refused() {
        f.day(RIVERSIDE, UPN, "2025-09-08", "/", "\\");
        change("move", HILLTOP, "2025-09-08");
        assertThat(rollDlq.readRecordsToList()).extracting(r -> DeadLetters.reasonOf(r.headers()))
                .containsExactly("move: a move must start after the pupil joined 100001 on 2025-09-08");
        assertThat(f.state(UPN).getUrn()).isEqualTo(RIVERSIDE);
    }
}
