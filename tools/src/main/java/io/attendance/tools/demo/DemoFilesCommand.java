package io.attendance.tools.demo;

import io.attendance.app.demo.DemoLa;
import io.attendance.app.demo.DemoContacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.attendance.api.contacts.ContactsCsv;
import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code attendance demo-files --out DIR}: the demo LA as the files an LA would give {@code replay}
 * (schools.yaml, marks.csv with each row's recordedAt, contacts.csv), so the demo term can be replayed.
 */
@Command(name = "demo-files", mixinStandardHelpOptions = true,
        description = "Writes the demo LA's autumn term (or up to --to) as replay input: schools.yaml, marks.csv, contacts.csv.")
public final class DemoFilesCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder to write the three files to")
    Path out;

    @Option(names = "--factor", defaultValue = "1", description = "Pupils = 2,000 x factor (7: the benchmark's 14,000 pupils)")
    int factor;

    @Option(names = "--to", defaultValue = "2025-12-19",
            description = "Last date of marks (from 3 Sep 2025; default the end of the autumn term, 2026-07-21 for the whole year)")
    LocalDate to;

    @Override
    public Integer call() throws IOException {
        write(DemoLa.scaled(factor, to), out); // factor 1 to the autumn term's end is DemoLa.standard()
        System.out.println("wrote " + out.resolve("schools.yaml") + ", marks.csv, contacts.csv");
        return 0;
    }

    public static void write(DemoLa la, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<io.attendance.api.schools.SchoolView> schools = new ArrayList<>();
        la.schools().forEach(s -> schools.add(io.attendance.api.schools.SchoolView.of(s)));
        new ObjectMapper(new YAMLFactory()).writeValue(dir.resolve("schools.yaml").toFile(), Map.of("schools", schools));
        try (CSVPrinter marks = new CSVPrinter(Files.newBufferedWriter(dir.resolve("marks.csv"), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("upn", "urn", "date", "session", "code", "recordedAt").setRecordSeparator('\n').get())) {
            la.marks(m -> {
                try {
                    marks.printRecord(m.getUpn(), m.getUrn(), m.getDate(), m.getSession(), m.getCode(), m.getRecordedAt());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        try (CSVPrinter contacts = new CSVPrinter(Files.newBufferedWriter(dir.resolve("contacts.csv"), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(ContactsCsv.HEADER.toArray(String[]::new)).setRecordSeparator('\n').get())) {
            for (DemoLa.DemoSchool s : la.demoSchools()) {
                for (PupilContacts pc : DemoContacts.of(la.upns(s))) {
                    for (Contact c : pc.getParents()) {
                        List<String> lines = c.getAddressLines();
                        contacts.printRecord(pc.getUpn(), pc.getPupilName(), c.getParentId(), c.getName(), c.getRelationship(),
                                lines.size() > 0 ? lines.get(0) : "", lines.size() > 1 ? lines.get(1) : "", lines.size() > 2 ? lines.get(2) : "",
                                c.getPostcode() == null ? "" : c.getPostcode(), c.getEmail() == null ? "" : c.getEmail(),
                                c.getLivesWithPupil() ? "yes" : "no", c.getParentalResponsibility() ? "yes" : "no", c.getPreferredChannel());
                    }
                }
            }
        }
    }
}
