package io.attendance.streams.topology;

import io.attendance.core.TopologySettings;

import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;

import io.attendance.schemas.AttendanceSignal;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.pupil.PupilStats;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/** A TopologyTestDriver around the counting topology, with helpers to post marks. */
final class TopologyFixture implements AutoCloseable {
    static final CodeTable CODES = CodeTable.standard();
    final SingleObjectSerdes serdes = new SingleObjectSerdes();
    final Topics topics = new Topics(serdes);
    final TopologyTestDriver driver;
    final TestInputTopic<String, RegisterMark> marks;
    final TestInputTopic<byte[], byte[]> rawMarks;
    final TestInputTopic<String, School> schools;
    final TestOutputTopic<String, AttendanceSignal> signals;
    final TestOutputTopic<byte[], byte[]> dlq;
    private long clock = Instant.parse("2025-09-01T08:00:00Z").toEpochMilli();

    TopologyFixture(School... known) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "counting-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(AttendanceTopology.build(topics, serdes,
                new TopologySettings(CODES, List.of(6, 10), 1)), props);
        marks = driver.createInputTopic(topics.marks.name(), Serdes.String().serializer(), topics.marks.valueSerde().serializer());
        rawMarks = driver.createInputTopic(topics.marks.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        schools = driver.createInputTopic(topics.schools.name(), Serdes.String().serializer(), topics.schools.valueSerde().serializer());
        signals = driver.createOutputTopic(topics.signals.name(), Serdes.String().deserializer(), topics.signals.valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.marksDlq.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        for (School s : known) schools.pipeInput(s.getUrn(), s);
    }

    /** Posts a mark recorded one minute after the previous one. */
    RegisterMark mark(String urn, String upn, String date, Session session, String code) {
        clock += 60_000;
        return markRecordedAt(urn, upn, date, session, code, Instant.ofEpochMilli(clock));
    }

    RegisterMark markRecordedAt(String urn, String upn, String date, Session session, String code, Instant at) {
        RegisterMark m = new RegisterMark(upn, urn, LocalDate.parse(date), session, code, at, "test");
        marks.pipeInput(new TestRecord<>(MarkKey.of(m).format(), m, at));
        return m;
    }

    /** Both sessions of one day. */
    void day(String urn, String upn, String date, String am, String pm) {
        mark(urn, upn, date, Session.AM, am);
        mark(urn, upn, date, Session.PM, pm);
    }

    /** Present ('/' and '\') on every school day from..to inclusive, per the school's calendar. */
    void presentEachSchoolDay(School school, String upn, String from, String to) {
        SchoolCalendar cal = SchoolCalendar.of(school);
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            if (cal.isSchoolDay(d)) day(school.getUrn(), upn, d.toString(), "/", "\\");
        }
    }

    PupilAttendance state(String upn) {
        return driver.<String, PupilAttendance>getKeyValueStore(StoreNames.PUPILS).get(upn);
    }

    PupilStats stats(School school, String upn) {
        return PupilStats.of(state(upn), SchoolCalendar.of(school), List.of(6, 10));
    }

    @Override
    public void close() {
        driver.close();
    }
}
