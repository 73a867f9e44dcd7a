package io.attendance.core.pupil;

import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.RollChange;
import io.attendance.schemas.RollEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which schools a pupil is on roll at, and so which schools may see the pupil. The rule, as README's
 * "Access" section states it: a pupil joins the roll of the school whose mark is counted first
 * (main registration). A mark from any other school is recorded in the register for that session,
 * and the school is listed as <em>unconfirmed</em>: it grants nothing, counts in no figure, and the
 * pupil's main school does not change, until the LA confirms a move or a dual registration (then
 * that school's recorded sessions count). Without this, one mark from another school's
 * MIS key moved the pupil, their registers and their cases into that school's hands.
 */
public final class Roll {
    public static final String MAIN = "main";
    public static final String DUAL = "dual";
    public static final String UNCONFIRMED = "unconfirmed";
    public static final String FIRST_MARK = "first-mark";
    public static final List<String> CHANGES = List.of("move", "dual", "end-dual");

    private Roll() {
    }

    /** The registrations as kept, or, for a pupil stored before the roll was kept, main at the pupil's school. */
    public static List<RollEntry> entries(PupilAttendance p) {
        if (!p.getRoll().isEmpty()) return p.getRoll();
        return List.of(entry(p.getUrn(), MAIN, null, FIRST_MARK));
    }

    /** Schools whose staff may see the pupil: the main and any dual registration still open. */
    public static Set<String> seenBy(PupilAttendance p) {
        Set<String> out = new LinkedHashSet<>();
        out.add(p.getUrn());
        for (RollEntry e : entries(p)) {
            if (e.getTo() == null && (MAIN.equals(e.getRegistration()) || DUAL.equals(e.getRegistration()))) out.add(e.getUrn());
        }
        return out;
    }

    /**
     * Whether a mark from {@code urn} counts in the pupil's figures: from a school that holds or held
     * a main or dual registration. A school the LA has not confirmed records its sessions in the
     * register, but they move no figure, flag or case until the LA confirms.
     */
    public static boolean counted(PupilAttendance p, String urn) {
        if (urn.equals(p.getUrn())) return true;
        for (RollEntry e : entries(p)) {
            if (e.getUrn().equals(urn) && (MAIN.equals(e.getRegistration()) || DUAL.equals(e.getRegistration()))) return true;
        }
        return false;
    }

    /** A new pupil's first counted mark puts them on that school's roll. */
    public static List<RollEntry> firstMark(String urn, LocalDate date) {
        List<RollEntry> roll = new ArrayList<>();
        roll.add(entry(urn, MAIN, date, FIRST_MARK));
        return roll;
    }

    /** A counted mark from {@code urn}: a school the pupil is not on roll at is listed as unconfirmed, nothing more. */
    public static void markFrom(PupilAttendance p, String urn, LocalDate date) {
        List<RollEntry> roll = materialised(p);
        for (RollEntry e : roll) if (e.getUrn().equals(urn) && e.getTo() == null) return;
        roll.add(entry(urn, UNCONFIRMED, date, "marks"));
        p.setRoll(roll);
    }

    /** Why the LA's change cannot apply to this pupil as they stand, if it cannot. */
    public static Optional<String> refusal(PupilAttendance p, String change, String urn, LocalDate date) {
        Optional<RollEntry> open = current(entries(p), urn);
        Optional<RollEntry> main = current(entries(p), p.getUrn()).filter(e -> MAIN.equals(e.getRegistration()));
        if (change.equals("move") && main.isPresent() && main.get().getFrom() != null && !date.isAfter(main.get().getFrom())) {
            return Optional.of("a move must start after the pupil joined " + p.getUrn() + " on " + main.get().getFrom());
        }
        if (change.equals("end-dual") && open.isPresent() && open.get().getFrom() != null && date.isBefore(open.get().getFrom())) {
            return Optional.of("the dual registration at " + urn + " began on " + open.get().getFrom() + ": it cannot end before");
        }
        return switch (change) {
            case "move" -> urn.equals(p.getUrn()) ? Optional.of("the pupil's main school is already " + urn) : Optional.empty();
            case "dual" -> urn.equals(p.getUrn()) || open.filter(e -> DUAL.equals(e.getRegistration())).isPresent()
                    ? Optional.of("the pupil is already on the roll of " + urn) : Optional.empty();
            case "end-dual" -> open.filter(e -> DUAL.equals(e.getRegistration())).isPresent()
                    ? Optional.empty() : Optional.of("the pupil has no open dual registration at " + urn);
            default -> Optional.of("'" + change + "' is not a roll change: " + String.join(", ", CHANGES));
        };
    }

    /**
     * Applies a change the LA confirmed. A move ends the main registration the day before and makes
     * {@code urn} the main school from the change's date; a dual registration adds a second school
     * that may see the pupil; end-dual closes it. Returns the refusal instead when it cannot apply.
     */
    public static Optional<String> apply(PupilAttendance p, RollChange c) {
        Optional<String> refused = refusal(p, c.getChange(), c.getUrn(), c.getDate());
        if (refused.isPresent()) return refused;
        List<RollEntry> roll = materialised(p);
        LocalDate date = c.getDate();
        switch (c.getChange()) {
            case "move" -> {
                for (RollEntry e : roll) {
                    boolean leaving = e.getTo() == null && (e.getUrn().equals(p.getUrn()) || e.getUrn().equals(c.getUrn()));
                    if (leaving) e.setTo(date.minusDays(1));
                }
                roll.removeIf(e -> UNCONFIRMED.equals(e.getRegistration()) && e.getUrn().equals(c.getUrn()));
                roll.add(entry(c.getUrn(), MAIN, date, c.getRecordedBy()));
                p.setUrn(c.getUrn());
            }
            case "dual" -> {
                roll.removeIf(e -> UNCONFIRMED.equals(e.getRegistration()) && e.getUrn().equals(c.getUrn()));
                roll.add(entry(c.getUrn(), DUAL, date, c.getRecordedBy()));
            }
            default -> current(roll, c.getUrn()).ifPresent(e -> e.setTo(date));
        }
        p.setRoll(roll);
        return Optional.empty();
    }

    private static Optional<RollEntry> current(List<RollEntry> roll, String urn) {
        return roll.stream().filter(e -> e.getUrn().equals(urn) && e.getTo() == null).findFirst();
    }

    private static List<RollEntry> materialised(PupilAttendance p) {
        List<RollEntry> roll = new ArrayList<>();
        for (RollEntry e : entries(p)) roll.add(RollEntry.newBuilder(e).build());
        return roll;
    }

    private static RollEntry entry(String urn, String registration, LocalDate from, String source) {
        return RollEntry.newBuilder().setUrn(urn).setRegistration(registration).setFrom(from).setTo(null).setSource(source).build();
    }
}
