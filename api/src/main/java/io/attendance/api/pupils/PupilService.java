package io.attendance.api.pupils;

import io.attendance.api.ApiError;
import io.attendance.api.query.Caller;
import io.attendance.api.query.InstanceRouter;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.core.pupil.Roll;
import io.attendance.core.pupil.SessionCounts;
import io.attendance.core.pupil.WeekCounters;
import io.attendance.schemas.PupilAttendance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pupils' figures, registers and school lists, for the API and the pages alike: read here when this
 * instance owns the pupil, asked of the owner otherwise; a school's list gathered from every instance.
 */
public final class PupilService {
    private static final String OUT_OF_SCOPE = "no marks recorded for that pupil in your scope";

    private final InstanceRouter router;
    private final AttendanceQueries queries;
    private final SchoolDirectory schools;
    private final TopologySettings settings;

    public PupilService(InstanceRouter router, AttendanceQueries queries, SchoolDirectory schools, TopologySettings settings) {
        this.router = router;
        this.queries = queries;
        this.schools = schools;
        this.settings = settings;
    }

    /**
     * The pupil's figures, if the caller may see the pupil: staff of a school the pupil is on roll at
     * (main or dual registration), or of its LA. A school that only sent marks sees nothing.
     */
    public PupilView pupil(Caller caller, String upn) {
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (!InstanceRouter.answersHere(owner, caller)) return router.ask(owner.instance(), "/api/v1/pupils/" + upn, caller, PupilView.class);
        return local(caller, upn, owner.partition()).orElseThrow(() -> new ApiError(404, OUT_OF_SCOPE));
    }

    /** A pupil named on a case, from whichever instance owns them; empty when out of the caller's scope or without marks. */
    public Optional<PupilView> named(Caller caller, String upn) {
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (owner.self()) return local(caller, upn, owner.partition());
        try {
            return Optional.of(router.ask(owner.instance(), "/api/v1/pupils/" + upn, caller, PupilView.class));
        } catch (ApiError refused) {
            return Optional.empty();
        }
    }

    /** The pupil's register as it stands: the newest recording of each session, in date order. */
    public Register register(Caller caller, String upn) {
        AttendanceQueries.Owner owner = router.ownerOf(upn);
        if (!InstanceRouter.answersHere(owner, caller)) {
            return router.ask(owner.instance(), "/api/v1/pupils/" + upn + "/register", caller, Register.class);
        }
        PupilView p = local(caller, upn, owner.partition()).orElseThrow(() -> new ApiError(404, OUT_OF_SCOPE));
        List<Register.Mark> marks = queries.register(upn, owner.partition()).stream().map(m -> new Register.Mark(m.date().toString(),
                m.session(), m.urn(), m.code(), settings.codes().categoryOf(m.code()).name())).toList();
        return new Register(upn, p.urn(), marks);
    }

    /** A school's pupils (with the flag, when one is given), from every instance, by UPN. */
    public SchoolPupils schoolPupils(Caller caller, String urn, Optional<Flag> flag) {
        List<SchoolPupils.Listed> pupils = new ArrayList<>(localSchoolPupils(urn, flag));
        pupils.addAll(router.gather(caller, "/api/v1/schools/" + urn + "/pupils" + flag.map(f -> "?flag=" + f.queryName()).orElse(""),
                SchoolPupils.Listed.class, "list its pupils"));
        pupils.sort(Comparator.comparing(SchoolPupils.Listed::upn));
        return new SchoolPupils(urn, flag.map(Flag::name).orElse(null), pupils.size(), pupils);
    }

    /** This instance's pupils of a school, optionally only those with a flag raised. */
    public List<SchoolPupils.Listed> localSchoolPupils(String urn, Optional<Flag> flag) {
        List<SchoolPupils.Listed> out = new ArrayList<>();
        for (AttendanceQueries.SchoolPupil p : queries.schoolPupils(urn)) {
            if (flag.isPresent() && !p.flags().contains(flag.get())) continue;
            // The list shows the year to date only: no rolling windows, so no calendar walk per pupil.
            PupilAttendance state = p.pupil();
            SessionCounts ytd = WeekCounters.decode(state.getWeeks()).yearToDate(state.getAsOf());
            out.add(new SchoolPupils.Listed(p.upn(), state.getAsOf().toString(), Counts.of(ytd), PupilView.names(p.flags())));
        }
        return out;
    }

    /**
     * The scope of a write about one pupil: relayed to the pupil's owner, then allowed only for a
     * caller who may see the pupil's main school (a dual registration lets a school read, not write
     * where letters go). The LA's automation key may also write for a pupil with no marks yet
     * (contacts imported before the first register).
     */
    public PupilScope scope(io.attendance.api.auth.Access access) {
        return (ctx, upn) -> {
            AttendanceQueries.Owner owner = router.ownerOf(upn);
            if (router.relayed(ctx, owner)) return true;
            Optional<PupilAttendance> p = queries.pupil(upn, owner.partition());
            boolean admin = io.attendance.api.auth.Access.principal(ctx).role() == io.attendance.api.auth.Role.ADMIN;
            boolean sees = p.isPresent() ? access.sees(ctx, p.get().getUrn()) : admin;
            if (!sees) throw new ApiError(404, OUT_OF_SCOPE);
            return false;
        };
    }

    private Optional<PupilView> local(Caller caller, String upn, int partition) {
        return queries.pupil(upn, partition).filter(s -> Roll.seenBy(s).stream().anyMatch(caller.sees()))
                .map(state -> PupilView.of(stats(state), PupilStats.storedFlags(state), state));
    }

    private PupilStats stats(PupilAttendance state) {
        SchoolCalendar calendar = schools.calendar(state.getUrn());
        return PupilStats.of(state, calendar == null ? SchoolCalendar.NONE : calendar, settings.rollingSchoolWeeks());
    }
}
