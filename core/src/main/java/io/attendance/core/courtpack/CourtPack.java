package io.attendance.core.courtpack;

import io.attendance.core.pupil.SessionCounts;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a court pack prints, worked out from the live record (CourtPacks.of): the Application
 * to Prosecute summary, the year-to-date herringbone, the certificate's figures, the letters sent
 * and the case's timeline. No figure here is typed by a person.
 *
 * @param asOf the school's last ended day: the register and figures run to it
 */
public record CourtPack(String caseId, LocalDate asOf, Pupil pupil, SchoolLine school, List<Parent> parents,
                        PolicyLine policy, List<StageLine> stages, Span period, Span yearToDate,
                        List<Herringbone.Week> weeks, List<RegisterEntry> amendments, List<LetterLine> letters,
                        List<TimelineLine> timeline) {

    /** @param name null when no name is held (contacts not given) */
    public record Pupil(String upn, String name) {
    }

    public record SchoolLine(String urn, String name, String la) {
    }

    public record Parent(String parentId, String name, String relationship, boolean parentalResponsibility,
                         boolean livesWithPupil, List<String> address) {
    }

    public record PolicyLine(String id, int version, String title, String source, String packFrom, String packCite) {
    }

    /** The case entered {@code stage} on {@code date} (opened in it, or moved to it). */
    public record StageLine(LocalDate date, String stage, String title, String detail) {
    }

    /**
     * Figures over [from, to]; {@code endsOn} the span's own end where it runs past {@code to} (a
     * prosecution period still running), else null.
     */
    public record Span(String label, LocalDate from, LocalDate to, LocalDate endsOn, SessionCounts figures) {
    }

    public record LetterLine(LocalDate dated, String letterRef, String title, String recipient, String parentId,
                             String channel, String status, java.time.Instant sentAt, String providerReference,
                             String contentHash, String failure, byte[] pdf) {
    }

    /** One thing that happened on the case, as its history records it, with the fields recorded. */
    public record TimelineLine(LocalDate date, String what, String detail, List<String> fields) {
    }
}
