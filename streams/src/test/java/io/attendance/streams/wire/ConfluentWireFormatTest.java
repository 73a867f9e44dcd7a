package io.attendance.streams.wire;

import io.attendance.contract.MarkKey;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.ConfluentSerdes;
import io.attendance.contract.serde.SchemaRegistry;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.TopologySettings;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.testing.DemoCalendars;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.schemas.Session;
import io.attendance.streams.topology.AttendanceTopology;
import io.attendance.streams.topology.StoreNames;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deployment with a schema registry: topics carry Confluent's framing, the schemas are registered at
 * start as {@code <topic>-value}, a vendor's producer using the standard serializer (here: its framing
 * written by hand, with its own compatible version of the schema) is read and counted, and a log written
 * before the switch (single-object encoding) still reads.
 */
class ConfluentWireFormatTest {
    private static final String UPN = "E801200125001", URN = "100001";
    final FakeSchemaRegistry registry = new FakeSchemaRegistry();

    ConfluentWireFormatTest() throws Exception {
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private Topics registered() {
        ConfluentSerdes serdes = new ConfluentSerdes(new SchemaRegistry(registry.url(), null));
        Topics topics = new Topics(serdes);
        serdes.registerAll(topics.valueSchemas());
        return topics;
    }

    private static RegisterMark mark(String code) {
        return new RegisterMark(UPN, URN, LocalDate.parse("2025-09-08"), Session.AM, code, Instant.parse("2025-09-08T09:05:00Z"), "mis:vendor");
    }

    @Test
    void every_topics_schema_is_registered_as_topic_value_and_a_record_is_framed_with_magic_byte_0_and_its_id() {
        Topics topics = registered();
        assertThat(registry.subjects().keySet()).containsExactlyInAnyOrder("marks-value", "marks-by-pupil-value", "schools-value",
                "attendance-signals-value", "clock-value", "case-actions-value", "case-events-value", "contacts-value", "letters-value",
                "letter-deliveries-value", "roll-changes-value", "erasures-value", "access-audit-value");
        // a compatibility check before each registration
        assertThat(registry.calls).contains("POST /compatibility/subjects/marks-value/versions/latest", "POST /subjects/marks-value/versions");
        byte[] bytes = topics.marks.valueSerde().serializer().serialize("marks", mark("O"));
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registry.idOf("marks-value"));
        assertThat(topics.marks.valueSerde().deserializer().deserialize("marks", bytes)).isEqualTo(mark("O"));
        int calls = registry.calls.size();
        topics.marks.valueSerde().serializer().serialize("marks", mark("I"));
        assertThat(registry.calls).as("ids are cached").hasSize(calls);
    }

    @Test
    void a_mark_from_a_vendor_writing_its_own_compatible_schema_version_with_the_standard_framing_is_read() throws Exception {
        Topics topics = registered();
        // The vendor's version: no 'source' field (version 1 of RegisterMark), registered by its producer.
        Schema ours = RegisterMark.getClassSchema();
        Schema vendors = without(ours, "source");
        assertThat(vendors.getField("source")).isNull();
        int id = registry.register("marks-value", vendors);
        byte[] bytes = framed(id, vendors, UPN, "O");
        RegisterMark read = topics.marks.valueSerde().deserializer().deserialize("marks", bytes);
        assertThat(read.getCode()).isEqualTo("O");
        assertThat(read.getSource()).as("the field the vendor's version lacks takes its default").isEqualTo("unknown");
    }

    @Test
    void a_log_written_before_the_switch_in_single_object_encoding_still_reads_and_other_bytes_are_refused_by_name() {
        Topics topics = registered();
        byte[] old = new SingleObjectSerdes().serde(RegisterMark.class).serializer().serialize("marks", mark("N"));
        assertThat(topics.marks.valueSerde().deserializer().deserialize("marks", old)).isEqualTo(mark("N"));
        assertThatThrownBy(() -> topics.marks.valueSerde().deserializer().deserialize("marks", "{\"upn\":1}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("neither Confluent's framing");
    }

    @Test
    void a_schema_the_subjects_latest_version_cannot_be_read_by_stops_the_start_naming_the_subject() {
        // Someone registered a RegisterMark that lacks 'code': data written with it cannot be read by ours (no default).
        Schema ours = RegisterMark.getClassSchema();
        registry.register("marks-value", without(ours, "code"));
        ConfluentSerdes serdes = new ConfluentSerdes(new SchemaRegistry(registry.url(), null));
        Topics topics = new Topics(serdes);
        assertThatThrownBy(() -> serdes.registerAll(topics.valueSchemas()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("marks-value").hasMessageContaining("not compatible");
    }

    @Test
    void a_mark_produced_with_the_standard_framing_is_counted_in_the_pupils_figures() throws Exception {
        Topics topics = registered();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wire-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd", UUID.randomUUID().toString()).toAbsolutePath().toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(AttendanceTopology.build(topics, new SingleObjectSerdes(),
                new TopologySettings(CodeTable.standard(), List.of(6, 10), 1)), props)) {
            School school = DemoCalendars.year2025(URN, "Riverside Primary School", "norfolk-quick-guide", 96);
            driver.createInputTopic(topics.schools.name(), Serdes.String().serializer(), topics.schools.valueSerde().serializer())
                    .pipeInput(URN, school);
            // What a connector with Confluent's KafkaAvroSerializer writes: the schema registered as marks-value, its id, the body.
            byte[] bytes = framed(registry.idOf("marks-value"), RegisterMark.getClassSchema(), UPN, "O");
            driver.createInputTopic(topics.marks.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput(MarkKey.of(mark("O")).format().getBytes(), bytes, Instant.parse("2025-09-08T09:05:00Z"));
            PupilAttendance pupil = driver.<String, PupilAttendance>getKeyValueStore(StoreNames.PUPILS).get(UPN);
            assertThat(pupil).as("counted").isNotNull();
            assertThat(driver.getKeyValueStore(StoreNames.PUPIL_MARKS).get(UPN + "|2025-09-08|AM|" + URN).toString()).contains("\"code\": \"O\"");
            assertThat(driver.createOutputTopic(topics.marksDlq.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                    .isEmpty()).isTrue();
        }
    }

    /** The same record schema without one field: another version of it. */
    private static Schema without(Schema s, String field) {
        List<Schema.Field> fields = s.getFields().stream().filter(f -> !f.name().equals(field)).map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
    }

    /** Confluent's framing, written as its serializer does: magic byte 0, the id (big-endian), the Avro binary of a generic record. */
    private static byte[] framed(int id, Schema schema, String upn, String code) throws Exception {
        GenericRecord r = new GenericData.Record(schema);
        r.put("upn", upn);
        r.put("urn", URN);
        r.put("date", (int) LocalDate.parse("2025-09-08").toEpochDay());
        r.put("session", new GenericData.EnumSymbol(schema.getField("session").schema(), "AM"));
        r.put("code", code);
        r.put("recordedAt", Instant.parse("2025-09-08T09:05:00Z").toEpochMilli());
        if (schema.getField("source") != null) r.put("source", "mis:vendor");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, e);
        e.flush();
        return out.toByteArray();
    }
}
