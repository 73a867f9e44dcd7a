package io.attendance.api.cases;

/** One open task in the work queue (GET /api/v1/tasks), with the school's own today. */
public record TaskItem(String caseId, String upn, String urn, String policy, String stage, String task, String due, boolean overdue,
                       String schoolToday) {
}
