package io.attendance.core.codes;

import java.time.LocalDate;

/** One row of the code table. {@code withdrawn} is null for a code in force. */
public record AttendanceCode(String code, CodeCategory category, String description, LocalDate withdrawn) {

    public boolean inForceOn(LocalDate date) {
        return withdrawn == null || date.isBefore(withdrawn);
    }
}
