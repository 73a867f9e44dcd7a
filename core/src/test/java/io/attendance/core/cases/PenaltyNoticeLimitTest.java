package io.attendance.core.cases;


import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.core.pupil.SessionCounts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "No third notice to the same parent for the same child within 3 years", read with the corresponding
 * date rule (policies/README.md "Penalty notices"): the 3 years from a notice run to the same date three
 * years on, that day included; from 29 February, where that date does not exist, to 28 February.
 */
class PenaltyNoticeLimitTest {
    private final ActionSpec issue = PolicyRegistry.shipped().byId("national-penalty-notice").orElseThrow().actions().get("issue-notice");

    private static CaseEnv notices(LocalDate... dates) {
        return new CaseEnv() {
            public SchoolCalendar calendar() { return SchoolCalendar.NONE; }
            public WorkingDays workingDays() { return WorkingDays.england(); }
            public BigDecimal schoolExpectedPct() { return BigDecimal.valueOf(96); }
            public SessionCounts schoolWeeks(LocalDate asOf, int n) { return SessionCounts.ZERO; }
            public SessionCounts yearToDate(LocalDate asOf) { return SessionCounts.ZERO; }
            public boolean wholeSchoolWeeks(LocalDate asOf, int n) { return false; }
            public boolean onRegisterFor(LocalDate asOf, int weeks) { return false; }
            public SessionCounts between(LocalDate from, LocalDate to) { return SessionCounts.ZERO; }
            public int sessionsCoded(LocalDate from, LocalDate to, Collection<String> codes) { return 0; }
            public List<LocalDate> actionLog(String action, String per) { return List.of(dates); }
        };
    }

    private List<LocalDate> counted(LocalDate on, LocalDate... earlier) {
        return ActionCheck.earlierWithinLimit(issue, "issue-notice", on, Map.of("parentId", "P1"), notices(earlier));
    }

    @Test
    void a_notice_of_29_february_2028_counts_to_28_february_2031_and_not_on_1_march() {
        LocalDate leap = LocalDate.parse("2028-02-29");
        assertThat(counted(LocalDate.parse("2031-02-28"), leap)).containsExactly(leap);
        assertThat(counted(LocalDate.parse("2031-03-01"), leap)).isEmpty();
    }

    @Test
    void a_notice_counts_to_the_same_date_three_years_on_that_day_included() {
        LocalDate first = LocalDate.parse("2025-03-10");
        assertThat(counted(LocalDate.parse("2028-03-10"), first)).containsExactly(first);
        assertThat(counted(LocalDate.parse("2028-03-11"), first)).isEmpty();
    }
}
