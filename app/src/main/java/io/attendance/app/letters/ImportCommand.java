package io.attendance.app.letters;

import io.attendance.api.contacts.ContactsCsv;
import io.attendance.contract.KafkaPublisher;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.contract.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code attendance import contacts FILE}: parents from a CSV export onto the contacts topic. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data files.", subcommands = {ImportCommand.Contacts.class, ImportMarks.class})
public final class ImportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "contacts", mixinStandardHelpOptions = true,
            description = "Parents per pupil from CSV (columns: " + "upn, pupil_name, parent_id, name, relationship, address_1..3, "
                    + "postcode, email, lives_with_pupil, parental_responsibility, preferred_channel). Every problem is printed "
                    + "as 'line N: column: reason'; a pupil with a bad row is not imported, every other pupil is. Exit 1 if any row was bad.")
    static final class Contacts implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
                description = "Kafka bootstrap servers (default: the embedded broker of a local run, localhost:9092).")
        String bootstrap;

        @picocli.CommandLine.Mixin
        io.attendance.app.kafka.KafkaConfigOption kafkaConfig = new io.attendance.app.kafka.KafkaConfigOption();

        @picocli.CommandLine.Mixin
        io.attendance.app.kafka.WireFormatOption wireFormat = new io.attendance.app.kafka.WireFormatOption();

        @Override
        public Integer call() throws Exception {
            ContactsCsv.Result r;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                r = ContactsCsv.read(in, "import " + file.getFileName());
            } catch (java.io.UncheckedIOException | IOException e) {
                // A quote never closed (commons-csv names the line) or bytes that are not UTF-8: nothing is
                // imported from a file that cannot be read whole.
                Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                System.err.println(file + ": " + (cause instanceof java.nio.charset.CharacterCodingException
                        ? "not UTF-8 text: save the export as \"CSV UTF-8\"" : "cannot be read as CSV: " + cause.getMessage())
                        + "; nothing was imported");
                return 1;
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println(file + ": cannot be read as CSV: " + e.getMessage() + "; nothing was imported");
                return 1;
            }
            r.errors().forEach(e -> System.err.println(file + ": " + e));
            if (!r.accepted().isEmpty()) {
                io.attendance.app.kafka.Cluster cluster;
                try {
                    cluster = io.attendance.app.kafka.Cluster.of(kafkaConfig, bootstrap, wireFormat);
                } catch (IllegalArgumentException e) {
                    System.err.println("import contacts: " + e.getMessage() + "; nothing was imported");
                    return 1;
                }
                try (KafkaPublisher publisher = new KafkaPublisher(cluster.kafka(), cluster.topics())) {
                    publisher.publishContacts(r.accepted());
                }
            }
            System.out.printf("%s: %d pupils' contacts imported, %d problems%n", file, r.accepted().size(), r.errors().size());
            return r.errors().isEmpty() ? 0 : 1;
        }
    }
}
