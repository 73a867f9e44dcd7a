package io.attendance.contract.query;

import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.core.cases.CaseEnv;
import io.attendance.core.pupil.Flag;
import io.attendance.schemas.CaseIndex;
import io.attendance.schemas.CaseState;
import io.attendance.schemas.Letter;
import io.attendance.schemas.PupilAttendance;
import io.attendance.schemas.School;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the topology's state answers, and where. Everything about a pupil (figures, register, cases,
 * letters) lives on the pupil's partition, held by one instance: {@link #ownerOfPupil} says which, and
 * the reads that take a partition answer only for partitions held here. The reads without one answer
 * for every partition this instance holds; a caller gathers the rest from {@link #otherInstances}.
 * Store names, key formats and Kafka Streams itself stay behind this interface.
 *
 * @throws NotReadyException from any method while the state cannot be read (starting, rebalancing, restoring)
 */
public interface AttendanceQueries {

    /** The instance holding the pupil's partition, and that partition. */
    Owner ownerOfPupil(String upn);

    /** Every other instance holding pupils' partitions: lists are gathered from each of them. */
    List<Instance> otherInstances();

    /** Whether this instance is running, and the tasks it holds. */
    Health health();

    Optional<PupilAttendance> pupil(String upn, int partition);

    /** The pupil's register as it stands: one mark per session (the newest recording), in date order. */
    List<StandingMark> register(String upn, int partition);

    /**
     * The register as it stands with each session's replaced recordings (oldest first), in date order:
     * what a court pack shows.
     */
    List<io.attendance.core.courtpack.RegisterEntry> registerWithAmendments(String upn, int partition);

    /** The pupil's parents as last given, if any are held. */
    Optional<io.attendance.schemas.PupilContacts> contacts(String upn, int partition);

    /** The pupils of a school held here, with their raised flags, in UPN order. */
    List<SchoolPupil> schoolPupils(String urn);

    /** Every pupil held here. */
    void forEachPupil(Consumer<PupilAttendance> each);

    /** The cases held here: one pupil's (on their partition) or, with a null UPN, every case held here. */
    List<CaseState> cases(String upn, Integer partition);

    /** What lists show of the cases held here (no history): one school's, or with a null URN every school's. */
    List<io.attendance.schemas.CaseListing> caseListings(String urn);

    Optional<CaseState> caseState(String caseId, int partition);

    /** The pupil's open and last case of a procedure family at a school. */
    Optional<CaseIndex> caseIndex(String upn, String urn, String family, int partition);

    /** Who read the pupil's data, oldest first (the access-audit topic's index on the pupil's partition). */
    List<io.attendance.schemas.AccessEvent> accessLog(String upn, int partition);

    /** The letters produced for a case, in letter-id order. */
    List<Letter> letters(String caseId, int partition);

    Optional<Letter> letter(String caseId, String letterId, int partition);

    /** The school's today as the pupil's partition has seen it: its last applied day end. */
    Optional<LocalDate> schoolToday(String urn, int partition);

    /** What the case engine reads about a pupil (their figures, register and limited actions), for checking an action. */
    CaseEnv caseEnv(String upn, String urn, int partition);

    /** A known school (every instance holds every school), or empty. */
    Optional<School> school(String urn);

    /** A known school's calendar, or null. */
    SchoolCalendar calendar(String urn);

    /** Every known school's URN (empty while the schools are not yet loaded). */
    List<String> schoolUrns();

    /** An instance's HTTP address ({@code application.server}). */
    record Instance(String host, int port) {
    }

    record Owner(Instance instance, int partition, boolean self) {
    }

    /** @param activeTasks null (as the standby tasks) unless running or rebalancing */
    record Health(String state, boolean running, Set<String> activeTasks, Set<String> standbyTasks) {
    }

    record StandingMark(LocalDate date, String session, String urn, String code) {
    }

    record SchoolPupil(String upn, PupilAttendance pupil, Set<Flag> flags) {
    }
}
