package io.attendance.api.schools;

import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.List;

/** A school as GET /api/v1/schools/{urn} shows it: the shape PUT accepts. */
public record SchoolView(String urn, String name, String la, String policy, double expectedAttendancePct, List<Term> terms,
                         List<String> closures, List<String> opensOn) {

    public record Term(String start, String end) {
    }

    public static SchoolView of(School s) {
        return new SchoolView(s.getUrn(), s.getName(), s.getLa(), s.getPolicy(), s.getExpectedAttendancePct(),
                s.getTerms().stream().map(t -> new Term(t.getStart().toString(), t.getEnd().toString())).toList(),
                s.getClosures().stream().map(LocalDate::toString).toList(), s.getOpensOn().stream().map(LocalDate::toString).toList());
    }
}
