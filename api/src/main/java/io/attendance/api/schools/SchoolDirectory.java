package io.attendance.api.schools;

import io.attendance.schemas.School;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.streams.topology.SchoolCalendars;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Known schools, from the global schools store every instance holds. */
public final class SchoolDirectory {
    private final KafkaStreams streams;
    private final SchoolCalendars calendars;

    public SchoolDirectory(KafkaStreams streams, Deserializer<School> reader) {
        this.streams = streams;
        this.calendars = new SchoolCalendars(this::bytes, reader);
    }

    public School school(String urn) {
        return calendars.school(urn);
    }

    /** The calendar of a known school, or null. */
    public SchoolCalendar calendar(String urn) {
        return calendars.get(urn);
    }

    /** Every known school's URN (empty while the store is not ready). */
    public java.util.List<String> urns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(StoreNames.SCHOOLS, QueryableStoreTypes.keyValueStore()));
            try (var it = store.all()) {
                while (it.hasNext()) out.add(it.next().key);
            }
        } catch (InvalidStateStoreException e) {
            return out;
        }
        return out;
    }

    private byte[] bytes(String urn) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(StoreNames.SCHOOLS, QueryableStoreTypes.keyValueStore()));
            return store.get(urn);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
