package io.attendance.api.schools;

import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.schemas.School;

/** Known schools: every instance holds every school. */
public final class SchoolDirectory {
    private final AttendanceQueries queries;

    public SchoolDirectory(AttendanceQueries queries) {
        this.queries = queries;
    }

    /** A known school, or null. */
    public School school(String urn) {
        return queries.school(urn).orElse(null);
    }

    /** The calendar of a known school, or null. */
    public SchoolCalendar calendar(String urn) {
        return queries.calendar(urn);
    }

    /** Every known school's URN (empty while the schools are not yet loaded). */
    public java.util.List<String> urns() {
        return queries.schoolUrns();
    }
}
