package io.attendance.streams.topology;

import io.attendance.contract.MarkKey;

import io.attendance.schemas.AttendanceSignal;
import io.attendance.schemas.FlagChange;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.Upn;
import io.attendance.core.testing.DemoCalendars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.attendance.core.testing.DemoCalendars.RIVERSIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The counting rules of DOMAIN.md, each expectation worked out by hand on the Riverside autumn 2025 calendar. */
class CountingRulesTest {
    private static final String PUPIL = Upn.of(926, 2001, 25, 1);
    private final School riverside = DemoCalendars.riverside();
    private final TopologyFixture f = new TopologyFixture(riverside);

    @AfterEach
    void close() {
        f.close();
    }

    private SessionCounts ytd() {
        return f.stats(riverside, PUPIL).yearToDate();
    }

    @Test
    void sixSchoolWeekWindowSpanningHalfTermCountsSevenCalendarWeeks() {
        f.presentEachSchoolDay(riverside, PUPIL, "2025-09-03", "2025-11-12");
        f.mark(RIVERSIDE, PUPIL, "2025-09-26", Session.AM, "O"); // Fri before the window
        f.mark(RIVERSIDE, PUPIL, "2025-09-29", Session.AM, "O"); // Mon, first day in the window

        PupilStats s = f.stats(riverside, PUPIL);
        assertThat(s.asOf()).isEqualTo(LocalDate.parse("2025-11-12"));
        // 6 school weeks: w/c 29 Sep, 6, 13, 20 Oct (20 days), 3 Nov (4 days: INSET Mon), 10 Nov to Wed 12th (3 days).
        // Half-term w/c 27 Oct is skipped: 27 days, 54 sessions, 1 unauthorised.
        assertThat(s.rolling().get(0).schoolWeeks()).isEqualTo(6);
        assertThat(s.rolling().get(0).counts()).isEqualTo(new SessionCounts(54, 53, 0, 1));
        assertThat(s.rolling().get(0).counts().attendancePct()).isEqualTo(new BigDecimal("98.15"));
        // YTD: 38 days to 24 Oct + 4 + 3 = 45 days, 90 sessions, 2 unauthorised.
        assertThat(s.yearToDate()).isEqualTo(new SessionCounts(90, 88, 0, 2));
        assertThat(s.yearToDate().attendancePct()).isEqualTo(new BigDecimal("97.78"));
        // 10 school weeks reach back to w/c 1 Sep: the whole term so far.
        assertThat(s.rolling().get(1).counts()).isEqualTo(new SessionCounts(90, 88, 0, 2));
    }

    @Test
    void anNAmendedToIThenToOCountsOnlyTheLatestMark() {
        f.day(RIVERSIDE, PUPIL, "2025-09-08", "/", "\\");
        f.mark(RIVERSIDE, PUPIL, "2025-09-09", Session.AM, "N");
        assertThat(ytd()).isEqualTo(new SessionCounts(3, 2, 0, 1));
        f.mark(RIVERSIDE, PUPIL, "2025-09-09", Session.AM, "I");
        assertThat(ytd()).isEqualTo(new SessionCounts(3, 2, 1, 0));
        f.mark(RIVERSIDE, PUPIL, "2025-09-09", Session.AM, "O");
        assertThat(ytd()).isEqualTo(new SessionCounts(3, 2, 0, 1));
    }

    @Test
    void aDuplicateMarkChangesNothing() {
        Instant at = Instant.parse("2025-09-08T08:45:00Z");
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "O", at);
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "O", at);
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "O", at);
        assertThat(ytd()).isEqualTo(new SessionCounts(1, 0, 0, 1));
        // 1 of 1 absent: persistent and severe raised once each, not three times.
        assertThat(f.signals.readValuesToList()).extracting(AttendanceSignal::getFlag)
                .containsExactly("PERSISTENT_ABSENCE", "SEVERE_ABSENCE");
    }

    @Test
    void marksArrivingOutOfDateOrderCountTheSameAndAStaleRecordingLosesToItsAmendment() {
        f.mark(RIVERSIDE, PUPIL, "2025-09-10", Session.PM, "\\");
        f.mark(RIVERSIDE, PUPIL, "2025-09-08", Session.AM, "/");
        f.mark(RIVERSIDE, PUPIL, "2025-09-09", Session.AM, "/");
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.PM, "I", Instant.parse("2025-09-08T15:00:00Z"));
        // The original N (recorded at 13:30) arrives after its amendment to I: the amendment stands.
        f.markRecordedAt(RIVERSIDE, PUPIL, "2025-09-08", Session.PM, "N", Instant.parse("2025-09-08T13:30:00Z"));
        assertThat(ytd()).isEqualTo(new SessionCounts(4, 3, 1, 0));
        assertThat(f.stats(riverside, PUPIL).asOf()).isEqualTo(LocalDate.parse("2025-09-10"));
    }

    @Test
    void dualRegistrationNonCompulsoryAgeAndTransportFailureAreNotPossibleSessions() {
        f.day(RIVERSIDE, PUPIL, "2025-09-08", "D", "X");
        f.day(RIVERSIDE, PUPIL, "2025-09-09", "Y1", "/");
        assertThat(ytd()).isEqualTo(new SessionCounts(1, 1, 0, 0));
        assertThat(ytd().attendancePct()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void lateBeforeRegisterCloseVisitsOtherActivityAndLaProvisionCountAsAttended() {
        f.day(RIVERSIDE, PUPIL, "2025-09-08", "L", "V");
        f.day(RIVERSIDE, PUPIL, "2025-09-09", "B", "K");
        f.day(RIVERSIDE, PUPIL, "2025-09-10", "U", "M");   // after register closed: unauthorised; medical: authorised
        assertThat(ytd()).isEqualTo(new SessionCounts(6, 4, 1, 1));
    }

    @Test
    void persistentAbsenceIsRaisedAtExactlyTenPercentAndClearedOnceWhenAmended() {
        f.presentEachSchoolDay(riverside, PUPIL, "2025-09-08", "2025-09-11");   // 8 sessions
        f.mark(RIVERSIDE, PUPIL, "2025-09-12", Session.AM, "/");                // 9 present
        f.mark(RIVERSIDE, PUPIL, "2025-09-12", Session.PM, "O");                // 1 of 10 absent = 10%
        f.mark(RIVERSIDE, PUPIL, "2025-09-12", Session.PM, "\\");               // amended: present
        assertThat(f.signals.readValuesToList()).extracting(AttendanceSignal::getFlag, AttendanceSignal::getChange,
                AttendanceSignal::getPossible, AttendanceSignal::getAuthorised, AttendanceSignal::getUnauthorised)
                .containsExactly(
                        tuple("PERSISTENT_ABSENCE", FlagChange.RAISED, 10, 0, 1),
                        tuple("PERSISTENT_ABSENCE", FlagChange.CLEARED, 10, 0, 0));
    }

    @Test
    void tenUnauthorisedSessionsInTenSchoolWeeksRaisePenaltyEligibilityOnceAndAnAmendmentClearsIt() {
        f.presentEachSchoolDay(riverside, PUPIL, "2025-09-03", "2025-09-19");  // 13 days, 26 sessions
        for (String d : List.of("2025-09-22", "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26")) {
            f.day(RIVERSIDE, PUPIL, d, "O", "O");
        }
        f.day(RIVERSIDE, PUPIL, "2025-09-29", "O", "O");                          // 11th and 12th: no new signal
        f.mark(RIVERSIDE, PUPIL, "2025-09-22", Session.AM, "I");                  // 11 unauthorised: still eligible
        f.mark(RIVERSIDE, PUPIL, "2025-09-22", Session.PM, "I");                  // 10: still eligible
        f.mark(RIVERSIDE, PUPIL, "2025-09-23", Session.AM, "I");                  // 9: cleared

        List<AttendanceSignal> signals = f.signals.readValuesToList();
        // Persistent: k absent of 26 + k possible reaches 10% at k = 3. Severe would need k >= 26: never.
        assertThat(signals).extracting(AttendanceSignal::getFlag, AttendanceSignal::getChange, AttendanceSignal::getUnauthorised)
                .containsExactly(
                        tuple("PERSISTENT_ABSENCE", FlagChange.RAISED, 3),
                        tuple("PENALTY_NOTICE_ELIGIBLE", FlagChange.RAISED, 10),
                        tuple("PENALTY_NOTICE_ELIGIBLE", FlagChange.CLEARED, 9));
        assertThat(signals).extracting(AttendanceSignal::getSignalId)
                .containsExactly(PUPIL + "-1", PUPIL + "-2", PUPIL + "-3");
        assertThat(signals.get(1).getWindow()).isEqualTo("10 school weeks");
    }

    @Test
    void aTombstoneRetractsTheMark() {
        f.day(RIVERSIDE, PUPIL, "2025-09-08", "/", "O");
        f.marks.pipeInput(new MarkKey(RIVERSIDE, PUPIL, LocalDate.parse("2025-09-08"), Session.PM).format(), null);
        assertThat(ytd()).isEqualTo(new SessionCounts(1, 1, 0, 0));
    }
}
