package io.attendance.app.letters;

import io.attendance.contract.KafkaPublisher;
import io.attendance.app.replay.ReplayInput;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.marks.MarkRules;
import io.attendance.contract.Topics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code attendance import marks FILE...}: registers of any size onto a running service's marks topic,
 * checked row by row as the API checks them (the same rules, against the schools the service holds),
 * rejects to a CSV with their line and reason. A row without {@code recordedAt} was recorded when its
 * register was taken (09:00 or 13:30 UTC of its day), so importing the same file twice counts nothing
 * twice: the second copy of each mark is the mark already standing.
 */
@Command(name = "marks", mixinStandardHelpOptions = true,
        description = "Registers from CSV (upn,urn,date,session,code[,recordedAt]) to a running service. Exit 1 if any row was rejected.")
final class ImportMarks implements Callable<Integer> {
    private static final int BATCH = 20_000;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: the embedded broker of a local run, localhost:9092).")
    String bootstrap;

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.KafkaConfigOption kafkaConfig = new io.attendance.app.kafka.KafkaConfigOption();

    @picocli.CommandLine.Mixin
    io.attendance.app.kafka.WireFormatOption wireFormat = new io.attendance.app.kafka.WireFormatOption();

    @Option(names = "--rejects", defaultValue = "rejects.csv", description = "Where rejected rows are written (file, line, field, reason).")
    Path rejectsFile;

    @Override
    public Integer call() throws IOException {
        io.attendance.app.kafka.Cluster cluster;
        try {
            cluster = io.attendance.app.kafka.Cluster.of(kafkaConfig, bootstrap, wireFormat);
        } catch (IllegalArgumentException e) {
            System.err.println("import marks: " + e.getMessage() + "; nothing was imported");
            return 1;
        }
        Topics topics = cluster.topics();
        io.attendance.contract.KafkaClients kafka = cluster.kafka();
        Map<String, SchoolCalendar> calendars = new HashMap<>();
        for (School s : schools(kafka, topics)) calendars.put(s.getUrn(), SchoolCalendar.of(s));
        if (calendars.isEmpty()) {
            System.err.println("import marks: the service holds no schools yet (PUT /api/v1/schools/{urn} or --config first); nothing was imported");
            return 1;
        }
        MarkRules rules = new MarkRules(CodeTable.standard());
        long[] published = {0}, rejected = {0};
        long started = System.nanoTime();
        boolean terminal = System.console() != null;
        try (KafkaPublisher publisher = new KafkaPublisher(kafka, topics);
             CSVPrinter rejects = new CSVPrinter(Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8),
                     CSVFormat.DEFAULT.builder().setHeader("file", "line", "field", "reason").setRecordSeparator('\n').get())) {
            List<RegisterMark> batch = new ArrayList<>(BATCH);
            for (Path file : files) {
                try {
                    ReplayInput.marks(file, rules, calendars::get, Instant.now().plus(Duration.ofMinutes(5)), m -> {
                        batch.add(m);
                        if (batch.size() == BATCH) {
                            publisher.publishMarks(batch);
                            published[0] += batch.size();
                            batch.clear();
                            if (terminal) System.err.printf("\rimport: %,d marks published, %,d rows rejected, %,.0f marks/s", published[0],
                                    rejected[0], published[0] / ((System.nanoTime() - started) / 1e9));
                        }
                    }, r -> {
                        rejected[0]++;
                        try {
                            rejects.printRecord(r.file(), r.line(), r.field(), r.reason());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (io.attendance.app.replay.ReplayException e) {
                    System.err.println("import marks: " + e.getMessage());
                    return 1;
                }
            }
            publisher.publishMarks(batch);
            published[0] += batch.size();
        }
        double secs = (System.nanoTime() - started) / 1e9;
        if (terminal) System.err.println();
        System.out.printf("imported %,d marks in %.1f s (%,.0f marks/s); %,d rows rejected (%s)%n", published[0], secs, published[0] / secs,
                rejected[0], rejectsFile);
        return rejected[0] == 0 ? 0 : 1;
    }

    /** The schools the service holds: its schools topic read to the end (compacted: the latest of each). */
    static List<School> schools(io.attendance.contract.KafkaClients kafka, Topics topics) {
        Properties p = kafka.properties(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        Map<String, School> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topics.schools.name(), Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    String urn = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) latest.remove(urn);
                    else latest.put(urn, topics.schools.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
            }
        }
        return new ArrayList<>(latest.values());
    }
}
