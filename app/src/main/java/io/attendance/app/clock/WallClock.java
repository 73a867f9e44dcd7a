package io.attendance.app.clock;

import io.attendance.schemas.ClockTick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Live mode's clock: once a day, at {@code tickAt} in England's local time (GMT in winter, BST in
 * summer), publishes the day's end for every known school (weekends and holidays too: deadlines fall
 * due on them). Days missed while the service was down are ticked at start, in order, at most the
 * last 366. Each day end is stamped at {@code tickAt} of its own day, or at the moment it is written
 * if that is earlier (never in the future: the broker refuses records stamped more than an hour
 * ahead, which stopped every day end when {@code --tick-at} was before 17:00). The stamp is the
 * cut-off for the day's marks: a mark recorded later applies after this day end. This is the only
 * place the product reads the wall clock; the topology reads only ticks. Ticks are idempotent, so a
 * repeated day end (a second instance, a restart between writing it and recording it) changes nothing.
 */
public final class WallClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WallClock.class);
    static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    static final int MAX_CATCH_UP_DAYS = 366;

    /** Where day ends go: the service's topics. */
    public interface DayEnds {
        void publish(List<ClockTick> ticks, Instant stampedAt);
    }

    private final DayEnds out;
    private final Supplier<List<String>> schools;
    private final LocalTime tickAt;
    private final Path lastTickFile;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wall-clock");
        t.setDaemon(true);
        return t;
    });

    /** @param schools every known school's URN (empty while not ready) */
    public WallClock(DayEnds out, Supplier<List<String>> schools, LocalTime tickAt, Path lastTickFile, Clock clock) {
        this.out = out;
        this.schools = schools;
        this.tickAt = tickAt;
        this.lastTickFile = lastTickFile;
        this.clock = clock;
    }

    public WallClock start() {
        timer.scheduleWithFixedDelay(this::catchUp, 5, 60, TimeUnit.SECONDS);
        return this;
    }

    /** Ticks every day that has ended (passed tickAt, England's time) since the last tick recorded. */
    void catchUp() {
        try {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ENGLAND));
            LocalDate lastEnded = now.toLocalTime().isBefore(tickAt) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
            LocalDate last = lastTick();
            if (last != null && !last.isBefore(lastEnded)) return;
            List<String> urns = schools.get();
            if (urns.isEmpty()) return; // not ready, or no schools yet: try again next minute
            LocalDate from = last == null ? lastEnded : last.plusDays(1);
            if (Duration.between(from.atStartOfDay(), lastEnded.atStartOfDay()).toDays() >= MAX_CATCH_UP_DAYS) {
                from = lastEnded.minusDays(MAX_CATCH_UP_DAYS - 1);
            }
            for (LocalDate d = from; !d.isAfter(lastEnded); d = d.plusDays(1)) {
                List<ClockTick> ticks = new ArrayList<>();
                for (String urn : urns) ticks.add(new ClockTick(urn, d, "wall-clock"));
                out.publish(ticks, stamp(d, now.toInstant()));
                Files.writeString(lastTickFile, d.toString());
                log.info("day {} ended for {} schools", d, urns.size());
            }
        } catch (RuntimeException | IOException e) {
            log.warn("could not publish the day's end; will retry: {}", e.getMessage());
        }
    }

    /** {@code tickAt} of {@code day} in England's time, or {@code now} if that is earlier. */
    Instant stamp(LocalDate day, Instant now) {
        Instant at = day.atTime(tickAt).atZone(ENGLAND).toInstant();
        return at.isAfter(now) ? now : at;
    }

    private LocalDate lastTick() throws IOException {
        if (!Files.exists(lastTickFile)) return null;
        return LocalDate.parse(Files.readString(lastTickFile).strip());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
