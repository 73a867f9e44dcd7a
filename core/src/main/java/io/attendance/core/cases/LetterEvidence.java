package io.attendance.core.cases;

import io.attendance.schemas.CaseState;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.Window;
import io.attendance.core.pupil.SessionCounts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a letter rests on (a letter's {@code evidence: <window>}), stamped on its event as
 * {@code evidence.*} fields when the case asks for it, so the letter states what the decision saw
 * and a later amendment does not silently change a letter already sent. Counted as recorded: an N
 * is shown as the unauthorised absence it is coded as.
 */
final class LetterEvidence {
    private LetterEvidence() {
    }

    static Map<String, String> stamp(CaseState c, Policy policy, Window w, LocalDate date, CaseEnv env) {
        Map<String, String> m = new LinkedHashMap<>();
        LocalDate[] span = CaseEngine.span(c, w, date, env, CaseEngine.prosecutionPeriod(c, policy));
        if (span == null || span[1].isBefore(span[0])) return m;
        // the period as a parent reads it: from its first school day (the year to date from the first day of term)
        LocalDate from = span[0];
        while (from.isBefore(span[1]) && !env.calendar().isSchoolDay(from)) from = from.plusDays(1);
        span = new LocalDate[]{from, span[1]};
        SessionCounts n = env.between(span[0], span[1]);
        m.put("evidence.window", w.toString());
        m.put("evidence.from", span[0].toString());
        m.put("evidence.to", span[1].toString());
        m.put("evidence.possible", Integer.toString(n.possible()));
        m.put("evidence.missed", Integer.toString(n.absent()));
        m.put("evidence.unauthorised", Integer.toString(n.unauthorised()));
        m.put("evidence.attendancePct", pct(n.attendancePct()));
        m.put("evidence.unauthorisedPct", pct(n.unauthorisedPct()));
        return m;
    }

    private static String pct(java.math.BigDecimal p) {
        return p == null ? "n/a" : p.toPlainString() + "%";
    }
}
