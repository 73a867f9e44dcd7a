package io.attendance.core.cases;

import io.attendance.schemas.CaseListing;
import io.attendance.schemas.CaseState;

import java.util.ArrayList;

/** What lists show of a case (its summary and tasks, not its history), and where it is kept: under its school. */
public final class CaseListings {
    private CaseListings() {
    }

    public static CaseListing of(CaseState c) {
        return CaseListing.newBuilder().setCaseId(c.getCaseId()).setUpn(c.getUpn()).setUrn(c.getUrn()).setPolicy(c.getPolicy())
                .setPolicyVersion(c.getPolicyVersion()).setStatus(c.getStatus()).setStage(c.getStage()).setOpenedOn(c.getOpenedOn())
                .setClosedOn(c.getClosedOn()).setClosureCode(c.getClosureCode()).setTasks(new ArrayList<>(c.getTasks())).build();
    }

    /** The store key: a school's cases are one prefix scan ({@code urn|}). */
    public static String key(String urn, String caseId) {
        return urn + '|' + caseId;
    }
}
