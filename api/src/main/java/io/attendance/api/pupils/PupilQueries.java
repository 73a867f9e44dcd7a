package io.attendance.api.pupils;

import io.attendance.api.query.InstanceRouter;
import io.attendance.schemas.PupilAttendance;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.pupil.Flag;
import io.attendance.core.pupil.PupilStats;
import io.attendance.streams.topology.StoreNames;
import io.attendance.streams.topology.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads pupils from this instance's stores. Which instance to ask is the controller's business. */
public final class PupilQueries {
    private final InstanceRouter router;
    private final SchoolDirectory schools;
    private final TopologySettings settings;

    public PupilQueries(InstanceRouter router, SchoolDirectory schools, TopologySettings settings) {
        this.router = router;
        this.schools = schools;
        this.settings = settings;
    }

    public Optional<PupilAttendance> localState(String upn, int partition) {
        ReadOnlyKeyValueStore<String, PupilAttendance> store = router.localStore(StoreNames.PUPILS, partition);
        return Optional.ofNullable(store.get(upn));
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
        ReadOnlyKeyValueStore<String, io.attendance.schemas.MarkCell> cells = router.localStore(StoreNames.PUPIL_MARKS, partition);
        List<Map<String, Object>> out = new ArrayList<>();
        try (var it = cells.prefixScan(upn + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                String[] k = kv.key.split("\\|"); // upn|date|session|urn
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("date", k[1]);
                m.put("session", k[2]);
                m.put("urn", k[3]);
                m.put("code", kv.value.getCode());
                m.put("category", settings.codes().categoryOf(kv.value.getCode()).name());
                out.add(m);
            }
        }
        return out;
    }

    /** This instance's pupils of a school, optionally only those with a flag raised. */
    public List<Map<String, Object>> localSchoolPupils(String urn, Optional<Flag> flag) {
        ReadOnlyKeyValueStore<String, String> index = router.localStore(StoreNames.SCHOOL_PUPILS, null);
        ReadOnlyKeyValueStore<String, PupilAttendance> pupils = router.localStore(StoreNames.PUPILS, null);
        List<Map<String, Object>> out = new ArrayList<>();
        try (var it = index.prefixScan(urn + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                Set<Flag> flags = Flag.split(kv.value);
                if (flag.isPresent() && !flags.contains(flag.get())) continue;
                String upn = kv.key.substring(urn.length() + 1);
                PupilAttendance state = pupils.get(upn);
                if (state == null) continue;
                out.add(PupilJson.listed(upn, stats(state), flags));
            }
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
            InstanceRouter.Owner owner = router.ownerOf(StoreNames.PUPILS, upn);
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
