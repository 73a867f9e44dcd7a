package io.attendance.app.clock;

import io.attendance.api.schools.SchoolDirectory;
import io.attendance.app.kafka.KafkaPublisher;
import io.attendance.schemas.ClockTick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live mode's clock: once a day, after the registers close, publishes the day's end for every
 * known school (weekends and holidays too: deadlines fall due on them). Days missed while the
 * service was down are ticked at start, in order. This is the only place the product reads the
 * wall clock; the topology reads only ticks. Ticks are idempotent, so a second instance ticking
 * the same day changes nothing.
 */
public final class WallClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WallClock.class);
    static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final KafkaPublisher publisher;
    private final SchoolDirectory schools;
    private final LocalTime tickAt;
    private final Path lastTickFile;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wall-clock");
        t.setDaemon(true);
        return t;
    });

    public WallClock(KafkaPublisher publisher, SchoolDirectory schools, LocalTime tickAt, Path lastTickFile, Clock clock) {
        this.publisher = publisher;
        this.schools = schools;
        this.tickAt = tickAt;
        this.lastTickFile = lastTickFile;
        this.clock = clock;
    }

    public WallClock start() {
        timer.scheduleWithFixedDelay(this::catchUp, 5, 60, TimeUnit.SECONDS);
        return this;
    }

    /** Ticks every day that has ended (passed tickAt) since the last tick recorded. */
    void catchUp() {
        try {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ENGLAND));
            LocalDate lastEnded = now.toLocalTime().isBefore(tickAt) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
            LocalDate last = lastTick();
            if (last != null && !last.isBefore(lastEnded)) return;
            List<String> urns = schools.urns();
            if (urns.isEmpty()) return; // not ready, or no schools yet: try again next minute
            LocalDate from = last == null ? lastEnded : last.plusDays(1);
            if (Duration.between(from.atStartOfDay(), lastEnded.atStartOfDay()).toDays() > 366) from = lastEnded.minusDays(366);
            for (LocalDate d = from; !d.isAfter(lastEnded); d = d.plusDays(1)) {
                List<ClockTick> ticks = new ArrayList<>();
                for (String urn : urns) ticks.add(new ClockTick(urn, d, "wall-clock"));
                publisher.publishTicks(ticks);
                Files.writeString(lastTickFile, d.toString());
                log.info("day {} ended for {} schools", d, urns.size());
            }
        } catch (RuntimeException | IOException e) {
            log.warn("could not publish the day's end; will retry: {}", e.getMessage());
        }
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
