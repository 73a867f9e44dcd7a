package io.attendance.api.cases;

/** 202 to an action: recorded for the engine to apply, with the id it will carry. */
public record ActionRecorded(String actionId, String caseId) {
}
