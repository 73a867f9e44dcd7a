package io.attendance.app.demo;

import io.attendance.api.Publisher;
import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Publishes a demo LA's schools and marks through the same publisher the API uses. */
public final class DemoLoader {
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final int BATCH = 20_000;

    private DemoLoader() {
    }

    public static long load(DemoLa la, Publisher publisher) {
        for (School s : la.schools()) publisher.publishSchool(s);
        long[] count = {0};
        List<RegisterMark> batch = new ArrayList<>(BATCH);
        la.marks(m -> {
            batch.add(m);
            if (batch.size() == BATCH) {
                publisher.publishMarks(batch);
                count[0] += batch.size();
                batch.clear();
            }
        });
        publisher.publishMarks(batch);
        count[0] += batch.size();
        log.info("demo LA {}: {} schools, {} pupils, {} marks published", DemoLa.LA, la.schools().size(), la.pupilCount(), count[0]);
        return count[0];
    }
}
