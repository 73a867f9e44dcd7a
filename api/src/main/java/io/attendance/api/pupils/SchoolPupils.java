package io.attendance.api.pupils;

import java.util.List;

/** GET /api/v1/schools/{urn}/pupils: a school's pupils (those with a flag, when one is asked for), by UPN. */
public record SchoolPupils(String urn, String flag, int count, List<Listed> pupils) {

    /** One pupil in a school's list. */
    public record Listed(String upn, String asOf, Counts yearToDate, List<String> flags) {
    }
}
