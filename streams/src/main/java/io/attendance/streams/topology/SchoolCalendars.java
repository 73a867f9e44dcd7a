package io.attendance.streams.topology;

import io.attendance.schemas.School;
import io.attendance.streams.calendar.SchoolCalendar;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.HashMap;
import java.util.Map;

/**
 * Calendars of known schools, read from the global schools store and rebuilt only when a school's
 * record changes. One per processor instance (stream threads do not share it).
 */
public final class SchoolCalendars {
    private record Entry(School school, SchoolCalendar calendar) {
    }

    private final ReadOnlyKeyValueStore<String, ?> schools;
    private final Map<String, Entry> cache = new HashMap<>();

    public SchoolCalendars(ReadOnlyKeyValueStore<String, ?> schools) {
        this.schools = schools;
    }

    /** The calendar of a known school, or null when the school is unknown. */
    public SchoolCalendar get(String urn) {
        School school = school(urn);
        if (school == null) {
            cache.remove(urn);
            return null;
        }
        Entry e = cache.get(urn);
        if (e == null || !e.school().equals(school)) {
            e = new Entry(school, SchoolCalendar.of(school));
            cache.put(urn, e);
        }
        return e.calendar();
    }

    public School school(String urn) {
        Object v = schools.get(urn);
        if (v instanceof ValueAndTimestamp<?> vt) v = vt.value();
        return (School) v;
    }
}
