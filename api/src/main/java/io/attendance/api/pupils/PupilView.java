package io.attendance.api.pupils;

import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.Roll;
import io.attendance.schemas.PupilAttendance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * GET /api/v1/pupils/{upn}: the pupil's figures, flags and registrations, and the pupil's page (a link
 * by the pupil's opaque reference: page URLs carry no UPN).
 */
public record PupilView(String upn, String urn, String asOf, Counts yearToDate, List<Rolling> rolling, List<String> flags,
                        List<Registration> roll, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.PupilLinkOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.PupilLinkIn.class) String page) {

    /** The last n school weeks. */
    public record Rolling(int schoolWeeks, int possible, int attended, int authorised, int unauthorised, BigDecimal attendancePct) {
    }

    /** Where the pupil is on roll, and schools whose marks await the LA's confirmation. */
    public record Registration(String urn, String registration, String from, String to) {
    }

    static PupilView of(PupilStats s, Set<Flag> flags, PupilAttendance state) {
        List<Rolling> rolling = s.rolling().stream().map(r -> new Rolling(r.schoolWeeks(), r.counts().possible(), r.counts().attended(),
                r.counts().authorised(), r.counts().unauthorised(), r.counts().attendancePct())).toList();
        List<Registration> roll = Roll.entries(state).stream().map(e -> new Registration(e.getUrn(), e.getRegistration(),
                e.getFrom() == null ? null : e.getFrom().toString(), e.getTo() == null ? null : e.getTo().toString())).toList();
        return new PupilView(s.upn(), s.urn(), s.asOf().toString(), Counts.of(s.yearToDate()), rolling, names(flags), roll,
                "/pupils/" + s.upn());
    }

    static List<String> names(Set<Flag> flags) {
        return flags.stream().map(Flag::name).toList();
    }
}
