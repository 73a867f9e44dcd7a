package io.attendance.streams.topology;

import java.time.LocalDate;

/** Passed in-task from the roll processor to the case processor: the LA confirmed a move of main school. */
record PupilMoved(String upn, String from, String to, LocalDate date, String recordedBy) {
}
