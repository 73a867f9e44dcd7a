package io.attendance.api.pupils;

import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.SessionCounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of a pupil's figures. Percentages are numbers with 2 decimals (null when nothing was possible). */
final class PupilJson {
    private PupilJson() {
    }

    static Map<String, Object> pupil(PupilStats s, Set<Flag> flags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upn", s.upn());
        m.put("urn", s.urn());
        m.put("asOf", s.asOf().toString());
        m.put("yearToDate", counts(s.yearToDate()));
        m.put("rolling", s.rolling().stream().map(r -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("schoolWeeks", r.schoolWeeks());
            w.putAll(counts(r.counts()));
            return w;
        }).toList());
        m.put("flags", flags.stream().map(Flag::name).toList());
        return m;
    }

    /** The pupil's registrations: where they are on roll, and schools whose marks await the LA's confirmation. */
    static java.util.List<Map<String, Object>> roll(io.attendance.schemas.PupilAttendance p) {
        return io.attendance.core.pupil.Roll.entries(p).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("urn", e.getUrn());
            m.put("registration", e.getRegistration());
            m.put("from", e.getFrom() == null ? null : e.getFrom().toString());
            m.put("to", e.getTo() == null ? null : e.getTo().toString());
            return m;
        }).toList();
    }

    static Map<String, Object> counts(SessionCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("possible", c.possible());
        m.put("attended", c.attended());
        m.put("authorised", c.authorised());
        m.put("unauthorised", c.unauthorised());
        m.put("attendancePct", c.attendancePct());
        return m;
    }

    static Map<String, Object> listed(String upn, PupilStats s, Set<Flag> flags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upn", upn);
        m.put("asOf", s.asOf().toString());
        m.put("yearToDate", counts(s.yearToDate()));
        m.put("flags", flags.stream().map(Flag::name).toList());
        return m;
    }
}
