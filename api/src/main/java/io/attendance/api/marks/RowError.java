package io.attendance.api.marks;

/** One problem with one row of a batch. Rows count from 1 (the first element, or the first line after the CSV header). */
public record RowError(int row, String field, String error) {
}
