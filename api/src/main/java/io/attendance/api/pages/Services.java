package io.attendance.api.pages;

import io.attendance.api.cases.CaseService;
import io.attendance.api.pupils.PupilService;
import io.attendance.api.schools.SchoolDirectory;
import io.attendance.api.schools.SchoolSummaries;
import io.attendance.contract.query.NotReadyException;

import java.util.function.Supplier;

/** The services the API's controllers use, called in-process by the pages. */
public record Services(PupilService pupils, CaseService cases, SchoolSummaries summaries, SchoolDirectory schools,
                       io.attendance.api.ids.Links links) {
    /** How long a page waits out a rebalance before showing it as an error. */
    private static final long REBALANCE_WAIT_MS = 15_000;

    /**
     * Partitions move between instances for a few seconds after one starts or stops: a person
     * opening a page would rather wait that out than read "rebalancing".
     */
    static <T> T waitingOutRebalance(Supplier<T> read) {
        long giveUp = System.currentTimeMillis() + REBALANCE_WAIT_MS;
        while (true) {
            try {
                return read.get();
            } catch (NotReadyException e) {
                if (System.currentTimeMillis() >= giveUp) throw e;
            }
            try {
                Thread.sleep(250); // the API's Retry-After is 1 s; a page retries sooner
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("interrupted");
            }
        }
    }
}
