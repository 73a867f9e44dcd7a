package io.attendance.api.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.attendance.api.audit.AccessLogController;
import io.attendance.api.cases.CaseDetail;
import io.attendance.api.cases.CaseService;
import io.attendance.api.cases.LetterView;
import io.attendance.api.pupils.PupilService;
import io.attendance.api.pupils.PupilView;
import io.attendance.api.query.Caller;
import io.attendance.contract.query.AttendanceQueries;
import io.attendance.core.courtpack.Recording;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Letter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything the service holds about one pupil, for a subject access request (UK GDPR Art. 15), as one
 * ZIP built on the pupil's owner from its stores: the figures, every register recording with who
 * recorded it and when, every case with its history and actions, every letter's PDF with its
 * delivery evidence, the parents' contact details, who read the pupil's data, and a manifest listing
 * each file with its SHA-256.
 */
public final class SubjectAccessExport {
    private final AttendanceQueries queries;
    private final PupilService pupils;
    private final CaseService cases;
    private final AccessLogController accessLog;
    private final ObjectMapper json;

    public SubjectAccessExport(AttendanceQueries queries, PupilService pupils, CaseService cases, AccessLogController accessLog,
                               ObjectMapper json) {
        this.queries = queries;
        this.pupils = pupils;
        this.cases = cases;
        this.accessLog = accessLog;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** One file of the export, and what it is. */
    private record Part(String name, String describes, byte[] bytes) {
    }

    /**
     * @param ctx  the request (its caller's scope: checked before this is called)
     * @param asked who asked, as the manifest names them
     */
    public byte[] zip(io.javalin.http.Context ctx, Caller caller, String upn, int partition, String asked, Instant at) {
        List<Part> parts = new ArrayList<>();
        PupilView figures = pupils.pupil(caller, upn);
        parts.add(new Part("pupil.json", "The pupil's attendance figures (year to date and rolling windows), flags and roll (schools, registration, dates).",
                write(figures)));
        parts.add(new Part("register.csv", "Every session recorded for the pupil: the code that stands, when and by whom it was recorded, "
                + "and each earlier recording it replaced (amendments); a withdrawn session has no standing code.",
                register(queries.registerWithAmendments(upn, partition))));
        queries.contacts(upn, partition).ifPresent(c -> parts.add(new Part("contacts.json",
                "The parents' names, relationships, addresses, e-mail addresses and preferred channel as held (the latest list given).",
                write(contacts(c)))));
        for (CaseState c : queries.cases(upn, partition)) {
            // a case at a school the caller does not hold (a pupil who moved LA) is that LA's to export, not ours
            if (!caller.sees().test(c.getUrn())) continue;
            CaseDetail detail = cases.caseDetail(caller, c.getCaseId());
            String dir = "cases/" + safe(c.getCaseId()) + "/";
            parts.add(new Part(dir + "case.json", "Case " + c.getCaseId() + " under " + c.getPolicy() + ": its stages, history, actions, tasks and letters.",
                    write(detail)));
            for (Letter l : queries.letters(c.getCaseId(), partition)) {
                String name = dir + "letters/" + safe(l.getLetterId());
                parts.add(new Part(name + ".json", "Delivery evidence of letter " + l.getLetterRef() + " to " + l.getParentId()
                        + ": channel, status, when produced and sent, the provider's reference, attempts, the PDF's SHA-256.", write(LetterView.of(l))));
                if (l.getPdf().remaining() > 0) {
                    byte[] pdf = new byte[l.getPdf().remaining()];
                    l.getPdf().duplicate().get(pdf);
                    parts.add(new Part(name + ".pdf", "The letter as produced (PDF).", pdf));
                }
            }
        }
        parts.add(new Part("access-log.json", "Who read the pupil's data through this service: when, which account and role, what, how (page or API) "
                + "and through which instance.", write(accessLog.entries(ctx, upn, partition))));
        return zip(parts, upn, asked, at);
    }

    private byte[] zip(List<Part> parts, String upn, String asked, Instant at) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("subject", Map.of("upn", upn));
        manifest.put("generatedAt", at.toString());
        manifest.put("generatedFor", asked);
        manifest.put("contents", parts.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.name());
            m.put("describes", p.describes());
            m.put("bytes", p.bytes().length);
            m.put("sha256", sha256(p.bytes()));
            return m;
        }).collect(Collectors.toList()));
        manifest.put("notIncluded", List.of(
                "Registers and letters held by schools themselves, and anything other LAs hold.",
                "Records past their retention (README: Personal data), which the service has deleted.",
                "Cases at schools outside the caller's LA (a pupil who moved): that LA answers for them."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            add(zip, "manifest.json", write(manifest), at);
            for (Part p : parts) add(zip, p.name(), p.bytes(), at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, byte[] bytes, Instant at) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(at.toEpochMilli());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private byte[] register(List<RegisterEntry> entries) {
        StringWriter w = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("date", "session", "school", "code", "recorded_at",
                "recorded_by", "earlier_recordings").get())) {
            for (RegisterEntry e : entries) {
                Recording s = e.standing();
                String earlier = e.earlier().stream().map(r -> r.code() + " at " + r.recordedAt() + " by " + by(r)).collect(Collectors.joining("; "));
                csv.printRecord(e.date(), e.session(), e.urn(), s == null ? "(withdrawn)" : s.code(), s == null ? "" : s.recordedAt(),
                        s == null ? "" : by(s), earlier);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String by(Recording r) {
        return r.recordedBy() == null ? "unknown" : r.recordedBy();
    }

    private static Map<String, Object> contacts(io.attendance.schemas.PupilContacts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pupilName", c.getPupilName());
        m.put("updatedBy", c.getUpdatedBy());
        m.put("parents", c.getParents().stream().map(p -> {
            Map<String, Object> x = new LinkedHashMap<>();
            p.getSchema().getFields().forEach(f -> {
                Object v = p.get(f.pos());
                x.put(f.name(), v instanceof CharSequence s ? s.toString() : v instanceof List<?> l
                        ? l.stream().map(String::valueOf).toList() : v == null ? null : String.valueOf(v));
            });
            return x;
        }).toList());
        return m;
    }

    private byte[] write(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name usable as a ZIP path part (letter ids hold '/'). */
    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
