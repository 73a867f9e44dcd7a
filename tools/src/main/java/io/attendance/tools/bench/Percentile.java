package io.attendance.tools.bench;

/** The benchmarks' percentiles: nearest rank over latencies in nanoseconds, in milliseconds. */
final class Percentile {
    private Percentile() {
    }

    /** The {@code q} quantile (0..1) of ascending {@code sortedNanos}, in ms; 0 when there are none. */
    static double ms(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) return 0;
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
    }
}
