package io.attendance.api.cases;

/** 201 to opening a case by hand: the case's id (also in Location). */
public record CaseOpened(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String id) {
}
