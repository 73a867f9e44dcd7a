package io.attendance.api.marks;

import io.attendance.schemas.RegisterMark;

import java.util.List;

/** The rows of a batch that can be recorded, and why each of the others cannot. */
public record IngestResult(List<RegisterMark> accepted, List<RowError> rejected) {
}
