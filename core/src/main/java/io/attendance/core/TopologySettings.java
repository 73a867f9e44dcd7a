package io.attendance.core;

import io.attendance.core.calendar.WorkingDays;
import io.attendance.core.codes.CodeTable;
import io.attendance.core.policy.PolicyRegistry;

import java.util.List;

/**
 * What the counting topology needs to know that is not in the records.
 *
 * @param rollingSchoolWeeks the rolling windows reported per pupil (e.g. 6 and 10)
 * @param pupilPartitions    partitions of every pupil-keyed topic (to detect a mis-partitioned mark)
 * @param policies           every LA procedure the case engine can run
 * @param workingDays        bank holidays, for notice periods and working-day deadlines
 * @param tickQuiet          live mode: a held tick applies after this much wall-clock silence; null in a
 *                           replay, where a tick applies only once input recorded after it arrives (so the
 *                           order the topics happen to be read in never changes a case)
 * @param goLive             the first day whose day end may open, move or close a case (null: every day).
 *                           History loaded before it is counted, but its day ends decide nothing, so loading
 *                           autumn in January posts no term of backdated letters; the first day end on or
 *                           after it judges every pupil on the figures as they stand
 */
public record TopologySettings(CodeTable codes, List<Integer> rollingSchoolWeeks, int pupilPartitions,
                               PolicyRegistry policies, WorkingDays workingDays, java.time.Duration tickQuiet,
                               java.time.LocalDate goLive) {
    /** Live mode's wait before the day's last tick applies with no later input: the register closed minutes ago. */
    public static final java.time.Duration LIVE_TICK_QUIET = java.time.Duration.ofSeconds(5);

    /** With the shipped policies, England's bank holidays and live mode's tick wait. */
    public TopologySettings(CodeTable codes, List<Integer> rollingSchoolWeeks, int pupilPartitions) {
        this(codes, rollingSchoolWeeks, pupilPartitions, PolicyRegistry.shipped(), WorkingDays.england(), LIVE_TICK_QUIET);
    }

    /** Live from the first day. */
    public TopologySettings(CodeTable codes, List<Integer> rollingSchoolWeeks, int pupilPartitions,
                            PolicyRegistry policies, WorkingDays workingDays, java.time.Duration tickQuiet) {
        this(codes, rollingSchoolWeeks, pupilPartitions, policies, workingDays, tickQuiet, null);
    }

    public TopologySettings {
        if (rollingSchoolWeeks.isEmpty() || rollingSchoolWeeks.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("rolling windows must be whole numbers of school weeks >= 1");
        }
        if (pupilPartitions < 1) throw new IllegalArgumentException("pupilPartitions must be >= 1");
        rollingSchoolWeeks = List.copyOf(rollingSchoolWeeks);
    }
}
