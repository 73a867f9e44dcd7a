package io.attendance.api.marks;

import io.attendance.schemas.RegisterMark;

import java.util.List;

/**
 * The rows of a batch that can be recorded (with their row numbers, in the same order), and why
 * each of the others cannot.
 */
public record IngestResult(List<RegisterMark> accepted, List<Integer> acceptedRows, List<RowError> rejected) {
}
