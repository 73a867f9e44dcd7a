package io.attendance.api.schools;

import io.attendance.schemas.School;
import io.attendance.streams.calendar.SchoolCalendar;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Known schools, from the global schools store every instance holds. */
public final class SchoolDirectory {
    private record Cached(School school, SchoolCalendar calendar) {
    }

    private final KafkaStreams streams;
    private final ConcurrentHashMap<String, Cached> calendars = new ConcurrentHashMap<>();

    public SchoolDirectory(KafkaStreams streams) {
        this.streams = streams;
    }

    public School school(String urn) {
        try {
            return store().get(urn);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    public List<School> all() {
        List<School> out = new ArrayList<>();
        try (var it = store().all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
        return out;
    }

    /** The calendar of a known school, or null. */
    public SchoolCalendar calendar(String urn) {
        School s = school(urn);
        if (s == null) return null;
        Cached c = calendars.get(urn);
        if (c == null || !c.school().equals(s)) {
            c = new Cached(s, SchoolCalendar.of(s));
            calendars.put(urn, c);
        }
        return c.calendar();
    }

    private ReadOnlyKeyValueStore<String, School> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.SCHOOLS, QueryableStoreTypes.keyValueStore()));
    }
}
