package io.attendance.app.replay;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.courtpack.CourtPack;
import io.attendance.core.courtpack.CourtPacks;
import io.attendance.core.courtpack.RegisterEntry;
import io.attendance.core.policy.Policy;
import io.attendance.core.policy.PolicyRegistry;
import io.attendance.courtpack.CourtPackPdf;
import io.attendance.courtpack.HerringboneCsv;
import io.attendance.notifier.LetterPlan;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The court pack of each replayed case that reached its policy's {@code courtPack.from} stage, as the
 * service would give it on the replay's last day: {@code court-packs/<case>.pdf} and
 * {@code court-packs/<case>-herringbone.csv}. A replay's letters are produced, not sent: the pack lists
 * them so, with their files under {@code letters/}.
 */
final class ReplayCourtPacks {
    /** A letter the replay produced for a case; its PDF is read back from {@code letters/} only for a pack. */
    private record Produced(String letterId, LocalDate dated, String ref, String title, String recipient, String parentId,
                            String status, String problem, String file) {
    }

    private final Path out;
    private final Map<String, List<Produced>> lettersByCase = new HashMap<>();
    private long written;

    ReplayCourtPacks(Path out) {
        this.out = out;
    }

    void letter(CaseEvent e, LetterPlan p) {
        String file = p.letter() != null && p.status() == null ? p.letter().letterNumber() + ".pdf" : null;
        lettersByCase.computeIfAbsent(e.getCaseId(), k -> new ArrayList<>()).add(new Produced(p.letterId(), e.getDate(), e.getLetterId(),
                e.getLetterTitle(), p.recipient(), p.parentId(), p.status() == null ? "PRODUCED" : p.status().name(), p.problem(), file));
    }

    /** Writes the case's pack if it is due; true when written. */
    boolean writeIfDue(CaseState c, PolicyRegistry policies, School school, SchoolCalendar calendar, CodeTable codes,
                       PupilContacts contacts, Function<String, List<RegisterEntry>> register, LocalDate asOf) {
        Optional<Policy> policy = policies.byId(c.getPolicy());
        if (policy.isEmpty() || CourtPacks.availableFrom(c, policy.get()).isEmpty() || school == null || calendar == null) return false;
        CourtPack pack = CourtPacks.withLetters(c, policy.get(), school, calendar, codes, contacts, letters(c.getCaseId()),
                register.apply(c.getUpn()), asOf);
        try {
            Path dir = Files.createDirectories(out.resolve("court-packs"));
            Files.write(dir.resolve(c.getCaseId() + ".pdf"), CourtPackPdf.write(pack));
            Files.writeString(dir.resolve(c.getCaseId() + "-herringbone.csv"), HerringboneCsv.write(pack), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
        return true;
    }

    long written() {
        return written;
    }

    private List<CourtPack.LetterLine> letters(String caseId) {
        List<CourtPack.LetterLine> lines = new ArrayList<>();
        List<Produced> produced = new ArrayList<>(lettersByCase.getOrDefault(caseId, List.of()));
        produced.sort(Comparator.comparing(Produced::dated).thenComparing(Produced::letterId));
        for (Produced p : produced) {
            byte[] pdf = new byte[0];
            if (p.file() != null) {
                try {
                    pdf = Files.readAllBytes(out.resolve("letters").resolve(p.file()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            lines.add(new CourtPack.LetterLine(p.dated(), p.ref(), p.title(), p.recipient(), p.parentId(), "replay (not sent)",
                    p.status(), null, p.file() == null ? null : "letters/" + p.file(), p.file() == null ? "" : io.attendance.notifier.Notifier.sha256(pdf), p.problem(), pdf));
        }
        return lines;
    }
}
