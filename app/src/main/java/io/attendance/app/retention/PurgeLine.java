package io.attendance.app.retention;

/**
 * What the purge found due in one place: a topic partition's oldest records, a table's keys, or an
 * outbox day folder.
 *
 * @param where  "marks[3]", "contacts[0]" or "outbox/2019-03-04"
 * @param count  records (or files) due
 * @param action what the purge does with them: "deleted up to offset N", "tombstoned", "folder deleted"
 */
public record PurgeLine(String retentionClass, String where, long count, String action) {
    @Override
    public String toString() {
        return String.format("%-14s %-28s %,8d due  %s", retentionClass, where, count, action);
    }
}
