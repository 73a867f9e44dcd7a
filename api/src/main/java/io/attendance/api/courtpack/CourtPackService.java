package io.attendance.api.courtpack;

import io.attendance.api.ApiError;
import io.attendance.api.auth.Principal;
import io.attendance.api.cases.CaseService;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.CourtPacks;
import io.attendance.core.policy.Policy;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * A case's court pack, worked out where the case lives (its owner holds the case, the register, the
 * letters and the contacts on the pupil's partition). Only LA officers and the case's own school
 * (staff who act on cases) get one: it names the parents and their addresses.
 */
public final class CourtPackService {
    private final AttendanceQueries queries;
    private final SchoolDirectory schools;
    private final TopologySettings settings;
    private final CaseService cases;

    public CourtPackService(AttendanceQueries queries, SchoolDirectory schools, TopologySettings settings, CaseService cases) {
        this.queries = queries;
        this.schools = schools;
        this.settings = settings;
        this.cases = cases;
    }

    /** The pack as the record stands here, on the pupil's partition held by this instance. */
    public CourtPack pack(Principal who, Predicate<String> sees, String caseId, int partition) {
        CaseState c = queries.caseState(caseId, partition).filter(x -> sees.test(x.getUrn()))
                .filter(x -> cases.schoolStillHolds(who, x.getUpn(), partition))
                .orElseThrow(() -> new ApiError(404, "no such case"));
        if (!who.mayRecord()) {
            throw new ApiError(403, "a " + who.describe() + " account may not have a court pack: it names the parents and their addresses");
        }
        Policy policy = settings.policies().byId(c.getPolicy()).orElseThrow(() -> new ApiError(409, "the case's policy "
                + c.getPolicy() + " is not loaded here"));
        if (policy.courtPack() == null) {
            throw new ApiError(409, "the " + policy.title() + " procedure names no stage for a court pack (policy key courtPack)");
        }
        if (CourtPacks.availableFrom(c, policy).isEmpty()) {
            throw new ApiError(409, "the court pack is due from stage '" + policy.courtPack().from() + "' ("
                    + policy.stage(policy.courtPack().from()).title() + "), which this case has not reached");
        }
        School school = schools.school(c.getUrn());
        SchoolCalendar calendar = schools.calendar(c.getUrn());
        if (school == null || calendar == null) throw new ApiError(409, "school " + c.getUrn() + " is not known here");
        LocalDate asOf = queries.schoolToday(c.getUrn(), partition).orElseThrow(() ->
                new ApiError(409, "no day has ended yet at school " + c.getUrn() + ": the register has no day to run to"));
        return CourtPacks.of(c, policy, school, calendar, settings.codes(), queries.contacts(c.getUpn(), partition).orElse(null),
                queries.letters(caseId, partition), CourtPacks.counted(queries.registerWithAmendments(c.getUpn(), partition),
                        queries.pupil(c.getUpn(), partition).orElse(null), c.getUrn()), asOf);
    }
}
