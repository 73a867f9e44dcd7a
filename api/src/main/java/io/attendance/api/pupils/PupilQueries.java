package io.attendance.api.pupils;

import io.attendance.api.query.InstanceRouter;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.schemas.PupilAttendance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads pupils from this instance's stores. Which instance to ask is the controller's business. */
public final class PupilQueries {
    private final InstanceRouter router;
    private final AttendanceQueries queries;
    private final SchoolDirectory schools;
    private final TopologySettings settings;

    public PupilQueries(InstanceRouter router, AttendanceQueries queries, SchoolDirectory schools, TopologySettings settings) {
        this.router = router;
        this.queries = queries;
        this.schools = schools;
        this.settings = settings;
    }

    public Optional<PupilAttendance> localState(String upn, int partition) {
        return queries.pupil(upn, partition);
    }

    /**
     * The pupil's figures, if held here and the caller may see the pupil: staff of a school the pupil
     * is on roll at (main or dual registration), or of its LA. A school that only sent marks sees nothing.
     */
    public Optional<Map<String, Object>> localPupil(String upn, int partition, java.util.function.Predicate<String> seesSchool) {
        return localState(upn, partition).filter(s -> io.attendance.core.pupil.Roll.seenBy(s).stream().anyMatch(seesSchool))
                .map(state -> {
                    Map<String, Object> m = PupilJson.pupil(stats(state), PupilStats.storedFlags(state));
                    m.put("roll", PupilJson.roll(state));
                    return m;
                });
    }

    /**
     * The pupil's register as it stands: one entry per session with a mark (the newest recording),
     * in date order, with the code's category as the counts use it.
     */
    public List<Map<String, Object>> localRegister(String upn, int partition) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AttendanceQueries.StandingMark mark : queries.register(upn, partition)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("date", mark.date().toString());
            m.put("session", mark.session());
            m.put("urn", mark.urn());
            m.put("code", mark.code());
            m.put("category", settings.codes().categoryOf(mark.code()).name());
            out.add(m);
        }
        return out;
    }

    /** This instance's pupils of a school, optionally only those with a flag raised. */
    public List<Map<String, Object>> localSchoolPupils(String urn, Optional<Flag> flag) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AttendanceQueries.SchoolPupil p : queries.schoolPupils(urn)) {
            if (flag.isPresent() && !p.flags().contains(flag.get())) continue;
            out.add(PupilJson.listed(p.upn(), stats(p.pupil()), p.flags()));
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
            Optional<PupilAttendance> p = localState(upn, owner.partition());
            boolean admin = io.attendance.api.auth.Access.principal(ctx).role() == io.attendance.api.auth.Role.ADMIN;
            boolean sees = p.isPresent() ? access.sees(ctx, p.get().getUrn()) : admin;
            if (!sees) throw new io.attendance.api.ApiError(404, "no marks recorded for that pupil in your scope");
            return false;
        };
    }

    private PupilStats stats(PupilAttendance state) {
        SchoolCalendar calendar = schools.calendar(state.getUrn());
        return PupilStats.of(state, calendar == null ? SchoolCalendar.NONE : calendar, settings.rollingSchoolWeeks());
    }
}
