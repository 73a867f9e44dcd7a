package io.attendance.core.courtpack;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.cases.CaseEngine;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.ActionSpec;
import io.attendance.core.policy.Policy;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.CaseEventType;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Contact;
import io.attendance.schemas.Letter;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Works a case's court pack out of the live record: the case, its policy, the register, the letters and the contacts. */
public final class CourtPacks {
    private CourtPacks() {
    }

    /**
     * The day the case entered the stage its policy names for the pack ({@code courtPack.from}), or
     * empty: the policy names none, or the case has not reached it.
     */
    public static Optional<LocalDate> availableFrom(CaseState c, Policy policy) {
        if (policy == null || policy.courtPack() == null) return Optional.empty();
        return CaseEngine.enteredOn(c, policy.courtPack().from());
    }

    /**
     * @param register the pupil's sessions at every school their figures count at ({@link #counted}), as the engine judged them
     * @param contacts the pupil's contacts, or null when none are held
     * @param asOf     the school's last ended day
     */
    public static CourtPack of(CaseState c, Policy policy, School school, SchoolCalendar calendar, CodeTable codes,
                               PupilContacts contacts, List<Letter> letters, List<RegisterEntry> register, LocalDate asOf) {
        List<CourtPack.LetterLine> lines = letters.stream()
                .sorted(Comparator.comparing(Letter::getDated).thenComparing(Letter::getLetterId))
                .map(l -> new CourtPack.LetterLine(l.getDated(), l.getLetterRef(), l.getTitle(), l.getRecipient(), l.getParentId(),
                        l.getChannel(), l.getStatus().name(), l.getSentAt(), l.getProviderReference(), l.getContentHash(), l.getFailure(),
                        bytes(l.getPdf())))
                .toList();
        return withLetters(c, policy, school, calendar, codes, contacts, lines, register, asOf);
    }

    /** As {@link #of}, with the letters already as the pack lists them (a replay's, produced but not sent), in order. */
    public static CourtPack withLetters(CaseState c, Policy policy, School school, SchoolCalendar calendar, CodeTable codes,
                                        PupilContacts contacts, List<CourtPack.LetterLine> letterLines, List<RegisterEntry> register,
                                        LocalDate asOf) {
        List<RegisterEntry> here = register.stream()
                .sorted(Comparator.comparing(RegisterEntry::date).thenComparing(RegisterEntry::session)).toList();
        LocalDate yearStart = firstSchoolDay(calendar, SchoolCalendar.academicYearStart(asOf), asOf);
        CourtPack.Span ytd = new CourtPack.Span("Year to date", yearStart, asOf, null, Herringbone.figures(here, codes, yearStart, asOf));
        CourtPack.Span period = CaseEngine.prosecutionPeriod(c, policy).map(p -> {
            LocalDate to = p[1].isAfter(asOf) ? asOf : p[1];
            return new CourtPack.Span("Prosecution period", p[0], to, p[1].isAfter(asOf) ? p[1] : null, Herringbone.figures(here, codes, p[0], to));
        }).orElse(ytd);
        // The register shown covers the year to date and the whole period the certificate counts (a 26-week
        // period can begin in the previous school year).
        LocalDate registerFrom = period.from().isBefore(yearStart) ? period.from() : yearStart;

        Map<String, Contact> parents = new HashMap<>();
        List<CourtPack.Parent> parentLines = new ArrayList<>();
        if (contacts != null) {
            for (Contact p : contacts.getParents()) {
                parents.put(p.getParentId(), p);
                List<String> address = new ArrayList<>(p.getAddressLines());
                if (p.getPostcode() != null && !p.getPostcode().isBlank()) address.add(p.getPostcode());
                parentLines.add(new CourtPack.Parent(p.getParentId(), p.getName(), p.getRelationship(), p.getParentalResponsibility(),
                        p.getLivesWithPupil(), List.copyOf(address)));
            }
        }

        List<CourtPack.StageLine> stages = new ArrayList<>();
        List<CourtPack.TimelineLine> timeline = new ArrayList<>();
        for (CaseEvent e : c.getHistory()) {
            if (e.getType() == CaseEventType.OPENED || e.getType() == CaseEventType.STAGE_CHANGED) {
                stages.add(new CourtPack.StageLine(e.getDate(), e.getStage(), stageTitle(policy, e.getStage()), e.getDetail()));
            }
            timeline.add(new CourtPack.TimelineLine(e.getDate(), what(policy, e), e.getDetail(), fields(e, parents)));
        }

        return new CourtPack(c.getCaseId(), asOf,
                new CourtPack.Pupil(c.getUpn(), contacts == null ? null : contacts.getPupilName()),
                new CourtPack.SchoolLine(school.getUrn(), school.getName(), school.getLa()), List.copyOf(parentLines),
                new CourtPack.PolicyLine(policy.id(), policy.version(), policy.title(), policy.source(),
                        policy.courtPack() == null ? null : policy.courtPack().from(), policy.courtPack() == null ? null : policy.courtPack().cite()),
                List.copyOf(stages), period, ytd, Herringbone.weeks(here, calendar, codes, registerFrom, asOf),
                here.stream().filter(e -> (e.amended() || e.retracted()) && !e.date().isBefore(registerFrom) && !e.date().isAfter(asOf)).toList(),
                List.copyOf(letterLines), List.copyOf(timeline));
    }

    /**
     * The sessions a pack shows and counts: those at every school the pupil's figures count at (their
     * main school, a school they moved from, a dual registration: as the engine counts them), so the
     * pack's figures are the ones the case was decided on.
     */
    public static List<RegisterEntry> counted(List<RegisterEntry> register, io.attendance.schemas.PupilAttendance pupil, String caseUrn) {
        return register.stream().filter(e -> pupil == null ? e.urn().equals(caseUrn) : io.attendance.core.pupil.Roll.counted(pupil, e.urn())).toList();
    }

    /** The first school day from {@code from} (the academic year's 1 August) up to {@code to}; {@code from} when there is none. */
    private static LocalDate firstSchoolDay(SchoolCalendar calendar, LocalDate from, LocalDate to) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) if (calendar.isSchoolDay(d)) return d;
        return from;
    }

    private static String stageTitle(Policy policy, String stage) {
        return policy.stages().containsKey(stage) ? policy.stage(stage).title() : stage;
    }

    private static String what(Policy policy, CaseEvent e) {
        return switch (e.getType()) {
            case OPENED -> "Case opened: " + stageTitle(policy, e.getStage());
            case STAGE_CHANGED -> "Moved to: " + stageTitle(policy, e.getStage());
            case ACTION_RECORDED -> "Recorded: " + actionTitle(policy, e.getAction());
            case ACTION_REFUSED -> "Refused: " + actionTitle(policy, e.getAction());
            case LETTER_REQUESTED -> "Letter requested: " + e.getLetterId() + " " + e.getLetterTitle();
            case TASK_CREATED -> "Task: " + e.getTask();
            case TASK_DONE -> "Task done: " + e.getTask();
            case DEADLINE_REACHED -> "Deadline reached: " + e.getTask();
            case DEADLINE_MISSED -> "Deadline missed: " + e.getTask();
            case CLOSED -> "Case closed: " + e.getClosureCode();
        };
    }

    private static String actionTitle(Policy policy, String action) {
        ActionSpec a = action == null ? null : policy.actions().get(action);
        return a == null ? String.valueOf(action) : a.title();
    }

    /** The event's fields, in name order; a parent id (who attended a meeting) is given with the parent's name. */
    private static List<String> fields(CaseEvent e, Map<String, Contact> parents) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(e.getFields()).entrySet()) {
            String value = f.getValue();
            if (f.getKey().toLowerCase(java.util.Locale.ROOT).contains("parent") && value != null && !parents.isEmpty()) {
                List<String> named = new ArrayList<>();
                for (String id : value.split("[,\\s]+")) {
                    Contact p = parents.get(id);
                    named.add(p == null ? id : p.getName() + " (" + id + ")");
                }
                value = String.join(", ", named);
            }
            out.add(f.getKey() + ": " + value);
        }
        return List.copyOf(out);
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        java.nio.ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
