package io.attendance.streams.topology;

import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Known schools and their calendars, read from the global schools store (raw bytes) and decoded
 * only when a school's record changes: every mark asks for its school's calendar.
 */
public final class SchoolCalendars {
    private record Entry(byte[] bytes, School school, SchoolCalendar calendar) {
    }

    private final Function<String, byte[]> lookup;
    private final Deserializer<School> reader;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** @param lookup the school's bytes by URN, or null when unknown */
    public SchoolCalendars(Function<String, byte[]> lookup, Deserializer<School> reader) {
        this.lookup = lookup;
        this.reader = reader;
    }

    /** The calendar of a known school, or null when the school is unknown. */
    public SchoolCalendar get(String urn) {
        Entry e = entry(urn);
        return e == null ? null : e.calendar();
    }

    public School school(String urn) {
        Entry e = entry(urn);
        return e == null ? null : e.school();
    }

    private Entry entry(String urn) {
        byte[] bytes = lookup.apply(urn);
        if (bytes == null) {
            cache.remove(urn);
            return null;
        }
        Entry e = cache.get(urn);
        if (e == null || !Arrays.equals(e.bytes(), bytes)) {
            School school = reader.deserialize("schools", bytes);
            e = new Entry(bytes, school, SchoolCalendar.of(school));
            cache.put(urn, e);
        }
        return e;
    }
}
