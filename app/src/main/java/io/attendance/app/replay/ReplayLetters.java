package io.attendance.app.replay;

import io.attendance.notifier.LetterPlan;
import io.attendance.notifier.LetterPlanner;
import io.attendance.notifier.render.LetterFiles;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Renders each letter a replayed case asks for, one per parent, as the notifier would: PDFs in {@code letters/}. */
final class ReplayLetters {
    private final LetterPlanner planner;
    private final Map<String, PupilContacts> contacts;
    private final Map<String, School> schools;
    private final ReplayOutputs outputs;
    private final ReplayCourtPacks packs;

    ReplayLetters(Path policies, Map<String, PupilContacts> contacts, Map<String, School> schools, ReplayOutputs outputs, ReplayCourtPacks packs) {
        this.planner = new LetterPlanner(new LetterFiles(policies));
        this.contacts = contacts;
        this.schools = schools;
        this.outputs = outputs;
        this.packs = packs;
    }

    /** @return letters written for this request */
    int write(CaseEvent e) {
        int n = 0;
        for (LetterPlan p : planner.plan(e, Optional.ofNullable(contacts.get(e.getUpn())), Optional.ofNullable(schools.get(e.getUrn())))) {
            outputs.letter(e, p);
            packs.letter(e, p);
            if (p.letter() != null) n++;
        }
        return n;
    }
}
