package io.attendance.streams.topology;

import io.attendance.streams.codes.CodeTable;

import java.util.List;

/**
 * What the counting topology needs to know that is not in the records.
 *
 * @param rollingSchoolWeeks the rolling windows reported per pupil (e.g. 6 and 10)
 * @param pupilPartitions    partitions of every pupil-keyed topic (to detect a mis-partitioned mark)
 */
public record TopologySettings(CodeTable codes, List<Integer> rollingSchoolWeeks, int pupilPartitions) {
    public TopologySettings {
        if (rollingSchoolWeeks.isEmpty() || rollingSchoolWeeks.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("rolling windows must be whole numbers of school weeks >= 1");
        }
        if (pupilPartitions < 1) throw new IllegalArgumentException("pupilPartitions must be >= 1");
        rollingSchoolWeeks = List.copyOf(rollingSchoolWeeks);
    }
}
