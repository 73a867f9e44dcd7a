package io.attendance.api.pupils;

import java.util.List;

/** GET /api/v1/pupils/{upn}/register: every session's standing mark, in date order, for the week-by-week grid. */
public record Register(String upn, String urn, List<Mark> marks) {

    /** The newest recording for one session, with its code's category as the counts use it. */
    public record Mark(String date, String session, String urn, String code, String category) {
    }
}
