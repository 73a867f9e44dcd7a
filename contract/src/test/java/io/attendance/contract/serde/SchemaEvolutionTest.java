package io.attendance.contract.serde;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaEvolutionTest {
    private final Serde<RegisterMark> serde = new SingleObjectSerdes().serde(RegisterMark.class);

    @Test
    void aMarkWrittenWithVersion1IsReadByTheVersion2ReaderWithSourceDefaulted() throws Exception {
        Schema v1 = SchemaHistory.load().stream()
                .filter(s -> s.getName().equals("RegisterMark") && s.getField("source") == null)
                .findFirst().orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        old.put("upn", "A801200125001");
        old.put("urn", "100001");
        old.put("date", (int) LocalDate.of(2025, 9, 8).toEpochDay());
        old.put("session", new GenericData.EnumSymbol(v1.getField("session").schema(), "PM"));
        old.put("code", "N");
        old.put("recordedAt", 1_757_340_000_000L);
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        RegisterMark read = serde.deserializer().deserialize("marks", bytes);

        assertThat(read.getUpn()).isEqualTo("A801200125001");
        assertThat(read.getDate()).isEqualTo(LocalDate.of(2025, 9, 8));
        assertThat(read.getSession()).isEqualTo(Session.PM);
        assertThat(read.getCode()).isEqualTo("N");
        assertThat(read.getRecordedAt()).isEqualTo(Instant.ofEpochMilli(1_757_340_000_000L));
        assertThat(read.getSource()).isEqualTo("unknown");
    }

    @Test
    void theCurrentVersionRoundTrips() {
        RegisterMark mark = new RegisterMark("A801200125001", "100001", LocalDate.of(2025, 9, 8), Session.AM,
                "/", Instant.ofEpochMilli(1_757_340_000_000L), "api");
        byte[] bytes = serde.serializer().serialize("marks", mark);
        assertThat(serde.deserializer().deserialize("marks", bytes)).isEqualTo(mark);
    }

    @Test
    void bytesFromAnUnknownWriterSchemaAreRefusedWithAReason() {
        byte[] junk = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThatThrownBy(() -> serde.deserializer().deserialize("marks", junk))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot read RegisterMark");
    }
}
