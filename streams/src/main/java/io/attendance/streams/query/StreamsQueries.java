package io.attendance.streams.query;

import io.attendance.contract.MarkKey;
import io.attendance.contract.PupilPartitioner;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.contract.query.NotReadyException;
import io.attendance.core.TopologySettings;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.cases.CaseEnv;
import io.attendance.core.cases.CaseKeys;
import io.attendance.core.pupil.Flag;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Letter;
import io.attendance.schemas.MarkCell;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;
import io.attendance.streams.cases.PupilCaseEnv;
import io.attendance.streams.topology.LetterIndexProcessor;
import io.attendance.streams.topology.SchoolCalendars;
import io.attendance.streams.topology.StoreNames;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The topology's state through Kafka Streams' interactive queries: owner lookup by the pupil's key
 * (every pupil-keyed store is co-partitioned), local stores by name, the global schools store.
 */
public final class StreamsQueries implements AttendanceQueries {
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final TopologySettings settings;
    private final SchoolCalendars schools;

    /** @param self this instance's {@code application.server} */
    public StreamsQueries(KafkaStreams streams, Instance self, TopologySettings settings, Deserializer<School> schoolReader) {
        this.streams = streams;
        this.self = new HostInfo(self.host(), self.port());
        this.settings = settings;
        this.schools = new SchoolCalendars(this::schoolBytes, schoolReader);
    }

    @Override
    public Owner ownerOfPupil(String upn) {
        requireRunning();
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(StoreNames.PUPILS, upn, KEYS);
        } catch (IllegalStateException e) {
            throw new NotReadyException("the store " + StoreNames.PUPILS + " is not available yet");
        }
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotReadyException("no instance owns that key yet (rebalancing)");
        }
        HostInfo host = meta.activeHost();
        return new Owner(new Instance(host.host(), host.port()), meta.partition(), host.equals(self));
    }

    @Override
    public List<Instance> otherInstances() {
        requireRunning();
        List<Instance> out = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(StoreNames.PUPILS)) {
            if (!m.hostInfo().equals(self)) out.add(new Instance(m.hostInfo().host(), m.hostInfo().port()));
        }
        return out;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new Health(state.name(), false, null, null);
        }
        TreeSet<String> active = new TreeSet<>(), standby = new TreeSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            t.activeTasks().forEach(task -> active.add(task.taskId().toString()));
            t.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
        }
        return new Health(state.name(), state == KafkaStreams.State.RUNNING, active, standby);
    }

    @Override
    public Optional<PupilAttendance> pupil(String upn, int partition) {
        return Optional.ofNullable(this.<PupilAttendance>store(StoreNames.PUPILS, partition).get(upn));
    }

    @Override
    public List<StandingMark> register(String upn, int partition) {
        List<StandingMark> out = new ArrayList<>();
        try (var it = this.<MarkCell>store(StoreNames.PUPIL_MARKS, partition).prefixScan(upn + "|", KEYS)) {
            while (it.hasNext()) {
                var kv = it.next();
                MarkKey k = MarkKey.ofCellKey(kv.key);
                out.add(new StandingMark(k.date(), k.session().name(), k.urn(), kv.value.getCode()));
            }
        }
        return out;
    }

    @Override
    public List<io.attendance.core.courtpack.RegisterEntry> registerWithAmendments(String upn, int partition) {
        return RegisterReader.entries(store(StoreNames.PUPIL_MARKS, partition), store(StoreNames.MARK_HISTORY, partition), upn);
    }

    @Override
    public Optional<io.attendance.schemas.PupilContacts> contacts(String upn, int partition) {
        return Optional.ofNullable(this.<io.attendance.schemas.PupilContacts>store(StoreNames.PUPIL_CONTACTS, partition).get(upn));
    }

    @Override
    public List<SchoolPupil> schoolPupils(String urn) {
        ReadOnlyKeyValueStore<String, String> index = store(StoreNames.SCHOOL_PUPILS, null);
        // Each pupil read from its own partition's store: the store of every local partition would try each in turn.
        List<ReadOnlyKeyValueStore<String, PupilAttendance>> pupils = new ArrayList<>(Collections.nCopies(settings.pupilPartitions(), null));
        List<SchoolPupil> out = new ArrayList<>();
        try (var it = index.prefixScan(urn + "|", KEYS)) {
            while (it.hasNext()) {
                var kv = it.next();
                String upn = kv.key.substring(urn.length() + 1);
                int partition = PupilPartitioner.partitionOf(upn, settings.pupilPartitions()); // the index is co-partitioned by pupil
                if (pupils.get(partition) == null) pupils.set(partition, store(StoreNames.PUPILS, partition));
                PupilAttendance state;
                try {
                    state = pupils.get(partition).get(upn);
                } catch (InvalidStateStoreException e) { // the partition moved during the scan (a rebalance)
                    throw new NotReadyException("the store " + StoreNames.PUPILS + " is being rebuilt or moved");
                }
                if (state != null) out.add(new SchoolPupil(upn, state, Flag.split(kv.value)));
            }
        }
        return out;
    }

    @Override
    public void forEachPupil(Consumer<PupilAttendance> each) {
        try (var it = this.<PupilAttendance>store(StoreNames.PUPILS, null).all()) {
            while (it.hasNext()) each.accept(it.next().value);
        }
    }

    @Override
    public List<CaseState> cases(String upn, Integer partition) {
        ReadOnlyKeyValueStore<String, CaseState> store = store(StoreNames.CASES, partition);
        List<CaseState> out = new ArrayList<>();
        // A case id starts with its pupil's UPN and a '-': one prefix scan reads a pupil's cases.
        try (var it = upn == null ? store.all() : store.prefixScan(upn + "-", KEYS)) {
            while (it.hasNext()) out.add(it.next().value);
        }
        return out;
    }

    @Override
    public List<io.attendance.schemas.CaseListing> caseListings(String urn) {
        ReadOnlyKeyValueStore<String, io.attendance.schemas.CaseListing> store = store(StoreNames.CASE_LISTINGS, null);
        List<io.attendance.schemas.CaseListing> out = new ArrayList<>();
        try (var it = urn == null ? store.all() : store.prefixScan(io.attendance.core.cases.CaseListings.key(urn, ""), KEYS)) {
            while (it.hasNext()) out.add(it.next().value);
        }
        return out;
    }

    @Override
    public Optional<CaseState> caseState(String caseId, int partition) {
        return Optional.ofNullable(this.<CaseState>store(StoreNames.CASES, partition).get(caseId));
    }

    @Override
    public Optional<CaseIndex> caseIndex(String upn, String urn, String family, int partition) {
        return Optional.ofNullable(this.<CaseIndex>store(StoreNames.CASE_INDEX, partition).get(CaseKeys.indexKey(upn, urn, family)));
    }

    @Override
    public List<Letter> letters(String caseId, int partition) {
        List<Letter> out = new ArrayList<>();
        try (var it = this.<Letter>store(StoreNames.CASE_LETTERS, partition).prefixScan(LetterIndexProcessor.key(caseId, ""), KEYS)) {
            while (it.hasNext()) out.add(it.next().value);
        }
        return out;
    }

    @Override
    public Optional<Letter> letter(String caseId, String letterId, int partition) {
        return Optional.ofNullable(this.<Letter>store(StoreNames.CASE_LETTERS, partition).get(LetterIndexProcessor.key(caseId, letterId)));
    }

    @Override
    public List<io.attendance.schemas.AccessEvent> accessLog(String upn, int partition) {
        List<io.attendance.schemas.AccessEvent> out = new ArrayList<>();
        try (var it = this.<io.attendance.schemas.AccessEvent>store(StoreNames.ACCESS_LOG, partition).prefixScan(upn + "|", KEYS)) {
            while (it.hasNext()) out.add(it.next().value);
        }
        return out;
    }

    @Override
    public Optional<LocalDate> schoolToday(String urn, int partition) {
        Long tick = this.<Long>store(StoreNames.CLOCK_SEEN, partition).get(urn);
        return tick == null ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(tick));
    }

    @Override
    public CaseEnv caseEnv(String upn, String urn, int partition) {
        return new PupilCaseEnv(upn, schools.school(urn), schools::get, settings.workingDays(), settings.codes(),
                store(StoreNames.PUPILS, partition), this.<MarkCell>store(StoreNames.PUPIL_MARKS, partition),
                store(StoreNames.CASE_ACTION_LOG, partition));
    }

    @Override
    public Optional<School> school(String urn) {
        return Optional.ofNullable(schools.school(urn));
    }

    @Override
    public SchoolCalendar calendar(String urn) {
        return schools.get(urn);
    }

    @Override
    public List<String> schoolUrns() {
        List<String> out = new ArrayList<>();
        try (var it = globalSchools().all()) {
            while (it.hasNext()) out.add(it.next().key);
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
        return out;
    }

    private byte[] schoolBytes(String urn) {
        try {
            return globalSchools().get(urn);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> globalSchools() {
        return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.SCHOOLS, QueryableStoreTypes.keyValueStore()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        requireRunning();
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> q =
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
            return streams.store(partition == null ? q : q.withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the store " + name + " is being rebuilt or moved"); // Kafka's own text stays in the logs
        }
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) throw new NotReadyException("streams are " + state);
    }
}
