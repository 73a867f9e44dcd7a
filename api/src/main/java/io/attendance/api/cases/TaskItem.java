package io.attendance.api.cases;

/** One open task in the work queue (GET /api/v1/tasks), with the school's own today. */
public record TaskItem(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String caseId, String upn, String urn, String policy, String stage, String task, String due, boolean overdue,
                       String schoolToday) {
}
