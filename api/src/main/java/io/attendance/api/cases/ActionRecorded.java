package io.attendance.api.cases;

/** 202 to an action: recorded for the engine to apply, with the id it will carry. */
public record ActionRecorded(String actionId, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String caseId) {
}
