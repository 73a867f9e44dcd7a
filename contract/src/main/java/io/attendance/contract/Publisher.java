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
}
