package io.attendance.api.cases;

import io.attendance.schemas.CaseState;

/** A case in a list: GET /api/v1/cases. */
public record CaseSummary(@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = io.attendance.api.ids.RefJson.CaseIdOut.class) @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.attendance.api.ids.RefJson.CaseIdIn.class) String id, String upn, String urn, String policy, int policyVersion, String stage, String status,
                          String openedOn, String closedOn, String closureCode, boolean overdue) {

    static CaseSummary of(CaseState c) {
        return of(io.attendance.core.cases.CaseListings.of(c));
    }

    static CaseSummary of(io.attendance.schemas.CaseListing c) {
        return new CaseSummary(c.getCaseId(), c.getUpn(), c.getUrn(), c.getPolicy(), c.getPolicyVersion(), c.getStage(), c.getStatus(),
                str(c.getOpenedOn()), str(c.getClosedOn()), c.getClosureCode(), overdue(c));
    }

    /** An open case with a task past its deadline and not done. */
    static boolean overdue(io.attendance.schemas.CaseListing c) {
        return "open".equals(c.getStatus()) && c.getTasks().stream().anyMatch(t -> t.getMissed() && !t.getDone());
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
