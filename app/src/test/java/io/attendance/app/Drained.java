package io.attendance.app;

import io.attendance.app.kafka.GroupProgress;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a pipeline to finish: its group has committed all its input and its output has stopped growing. */
final class Drained {
    private Drained() {
    }

    /**
     * Waits until {@code group} has committed every record of {@code inputs}, then until nothing more
     * is written to {@code output} for 10 s (the streams app applies a day end it holds after a few
     * quiet seconds); returns what {@code output} holds from {@code from}.
     */
    static EventLog.Slice until(Admin admin, String bootstrap, String group, Set<String> inputs, String output,
                                Map<Integer, Long> from, Duration atMost) {
        return until(admin, bootstrap, group, inputs, output, from, atMost, Duration.ofSeconds(10));
    }

    /** As above with another quiet period: zero for a consumer that commits its output with its input (the notifier). */
    static EventLog.Slice until(Admin admin, String bootstrap, String group, Set<String> inputs, String output,
                                Map<Integer, Long> from, Duration atMost, Duration quiet) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> GroupProgress.lag(admin, group, inputs) == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("group " + group + " has not committed all of " + inputs + " within " + atMost
                    + "; still behind by partition: " + lagOrWhy(admin, group, inputs), e);
        }
        long[] size = {-1};
        long[] stableSince = {System.nanoTime()};
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long n = EventLog.read(bootstrap, output, from).entries().size();
            if (n != size[0]) {
                size[0] = n;
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] >= quiet.toNanos();
        });
        return EventLog.read(bootstrap, output, from);
    }

    /** Where the group is still behind, for the failure message. */
    private static String lagOrWhy(Admin admin, String group, Set<String> inputs) {
        try {
            return GroupProgress.lagByPartition(admin, group, inputs).toString();
        } catch (Exception e) {
            return "(unknown: " + e + ")";
        }
    }
}
