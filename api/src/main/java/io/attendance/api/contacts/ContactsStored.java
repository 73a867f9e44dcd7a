package io.attendance.api.contacts;

import io.attendance.core.pupil.ContactRules;

import java.util.List;

/** PUT /api/v1/pupils/{upn}/contacts: stored (the pupil and how many parents), or refused problem by problem. */
public record ContactsStored(String upn, int parents) {

    /** 400: every problem, by parent (-1: the pupil) and field; nothing was stored. */
    public record Refused(String error, List<Problem> errors) {
        static Refused of(List<ContactRules.Problem> problems) {
            return new Refused(problems.size() + " problem(s); nothing was stored",
                    problems.stream().map(p -> new Problem(p.index(), p.field(), p.reason())).toList());
        }
    }

    public record Problem(int parent, String field, String error) {
    }
}
