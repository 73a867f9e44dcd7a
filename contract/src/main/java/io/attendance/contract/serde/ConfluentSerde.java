package io.attendance.contract.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One record type in Confluent's framing: [0][schema id, 4 bytes big-endian][Avro binary]. */
final class ConfluentSerde<T extends SpecificRecord> extends SelfSerde<T> {
    static final byte MAGIC = 0;

    private final Class<T> type;
    private final Schema schema;
    private final ConfluentSerdes owner;
    private final Serde<T> singleObject;
    private final SpecificData model;
    private final SpecificDatumWriter<T> writer;
    /** This schema's id per topic (its subject's): asked of the owner (and fingerprinted) once per topic, not per record. */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    /** Readers by writer schema id: each resolves that writer's fields to this version's. */
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    ConfluentSerde(Class<T> type, ConfluentSerdes owner, Serde<T> singleObject) {
        this.type = type;
        this.owner = owner;
        this.singleObject = singleObject;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) return null;
        try {
            int id = ids.computeIfAbsent(topic, t -> owner.idFor(t, schema));
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) return null;
        if (data.length >= 2 && data[0] == (byte) 0xC3 && data[1] == (byte) 0x01) {
            return singleObject.deserializer().deserialize(topic, data); // written before the switch to the registry
        }
        if (data.length < 5 || data[0] != MAGIC) {
            throw new SerializationException("cannot read " + type.getSimpleName() + ": neither Confluent's framing (magic byte 0 and a "
                    + "schema id) nor Avro single-object encoding");
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        try {
            SpecificDatumReader<T> reader = readers.computeIfAbsent(id, i -> new SpecificDatumReader<>(owner.schemaFor(i), schema, model));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " written with schema id " + id + ": " + e.getMessage(), e);
        }
    }
}
