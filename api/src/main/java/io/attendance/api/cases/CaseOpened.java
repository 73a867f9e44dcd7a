package io.attendance.api.cases;

/** 201 to opening a case by hand: the case's id (also in Location). */
public record CaseOpened(String id) {
}
