package io.attendance.streams.topology;


import io.attendance.schemas.Letter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each case's letters as the notifier recorded them (status, channel, PDF), keyed
 * {@code caseId|letterId}, in the same task as the case, so the case API and the PDF download
 * read them where the case lives. The letters topic is the evidence; this is its index.
 */
public final class LetterIndexProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    public static final String TO_DLQ = "letters-dlq-sink";
    private final Deserializer<Letter> reader;
    private final String topic;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, Letter> letters;

    public LetterIndexProcessor(Deserializer<Letter> reader, String topic) {
        this.reader = reader;
        this.topic = topic;
    }

    public static String key(String caseId, String letterId) {
        return caseId + "|" + letterId;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.letters = context.getStateStore(StoreNames.CASE_LETTERS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Letter l;
        try {
            l = reader.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            context.forward(record.withHeaders(DeadLetterHeaders.of(record.headers(),
                    "value: not a Letter record: " + e.getMessage(), context)), TO_DLQ);
            return;
        }
        letters.put(key(l.getCaseId(), l.getLetterId()), l);
    }
}
