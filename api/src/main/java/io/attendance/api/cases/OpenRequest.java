package io.attendance.api.cases;

import java.time.LocalDate;

/**
 * POST /api/v1/pupils/{upn}/cases: open a case by hand under the school's policy or the one named,
 * with a note; the date defaults to the school's own today.
 */
public record OpenRequest(String policy, String note, LocalDate date) {
}
