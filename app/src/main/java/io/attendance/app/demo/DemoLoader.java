package io.attendance.app.demo;

import io.attendance.contract.Publisher;
import io.attendance.contract.KafkaPublisher;
import io.attendance.schemas.ClockTick;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Publishes a demo LA's schools and marks through the same publisher the API uses. */
public final class DemoLoader {
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final int BATCH = 20_000;

    private DemoLoader() {
    }

    /**
     * Publishes the schools, then the term day by day: each day's marks (and amendments recorded
     * that day), then the day's end for every school, as a live term would have produced them.
     */
    public static long load(DemoLa la, KafkaPublisher publisher) {
        return load(la, publisher, published -> {
        });
    }

    /** As {@link #load(DemoLa, KafkaPublisher)}, telling {@code afterMarks} the marks published so far after each batch. */
    public static long load(DemoLa la, KafkaPublisher publisher, LongConsumer afterMarks) {
        for (School s : la.schools()) publisher.publishSchool(s);
        for (DemoLa.DemoSchool s : la.demoSchools()) publisher.publishContacts(DemoContacts.of(la.upns(s)));
        long[] count = {0};
        List<RegisterMark> batch = new ArrayList<>(BATCH);
        LocalDate[] day = {null};
        la.marks(m -> {
            LocalDate recorded = m.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (day[0] == null) day[0] = recorded;
            if (recorded.isAfter(day[0])) {
                count[0] += flush(publisher, batch);
                afterMarks.accept(count[0]);
                for (LocalDate d = day[0]; d.isBefore(recorded); d = d.plusDays(1)) endOfDay(la, publisher, d);
                day[0] = recorded;
            }
            batch.add(m);
            if (batch.size() == BATCH) {
                count[0] += flush(publisher, batch);
                afterMarks.accept(count[0]);
            }
        });
        count[0] += flush(publisher, batch);
        if (day[0] != null) for (LocalDate d = day[0]; !d.isAfter(la.lastDay()); d = d.plusDays(1)) endOfDay(la, publisher, d);
        log.info("demo LA {}: {} schools, {} pupils, {} marks published", DemoLa.LA, la.schools().size(), la.pupilCount(), count[0]);
        return count[0];
    }

    private static int flush(Publisher publisher, List<RegisterMark> batch) {
        int n = batch.size();
        publisher.publishMarks(batch);
        batch.clear();
        return n;
    }

    private static void endOfDay(DemoLa la, KafkaPublisher publisher, LocalDate d) {
        List<ClockTick> ticks = new ArrayList<>();
        for (School s : la.schools()) ticks.add(new ClockTick(s.getUrn(), d, "data"));
        publisher.publishTicks(ticks);
    }
}
