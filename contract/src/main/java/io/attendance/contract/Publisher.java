package io.attendance.contract;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;

import java.util.List;

/** Writes accepted input to its topic; returns once the broker has acknowledged every record. */
public interface Publisher {
    void publishMarks(List<RegisterMark> marks);

    void publishSchool(School school);

    /** A person's action on a case (or a request to open one), to the pupil's partition. */
    void publishCaseAction(io.attendance.schemas.CaseAction action);

    /** A pupil's parents, replacing the earlier list, to the pupil's partition of the compacted contacts topic. */
    void publishContacts(io.attendance.schemas.PupilContacts contacts);

    /** The LA's confirmed roll change (a move, a dual registration or its end), to the pupil's partition. */
    void publishRollChange(io.attendance.schemas.RollChange change);

    /** Someone read a pupil's data: the audit entry, to the pupil's partition of access-audit. */
    void publishAccess(io.attendance.schemas.AccessEvent read);

    /** The pupil's parents removed: a tombstone on the compacted contacts topic (no letter goes to them after). */
    void removeContacts(String upn);

    /** The LA erases a pupil it has no legal basis to keep, to the pupil's partition of erasures. */
    void publishErasure(io.attendance.schemas.ErasureRequest erasure);
}
