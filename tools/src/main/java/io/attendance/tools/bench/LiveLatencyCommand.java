package io.attendance.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.contract.KafkaPublisher;
import io.attendance.contract.Topics;
import io.attendance.contract.serde.SingleObjectSerdes;
import io.attendance.core.calendar.SchoolCalendar;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.ClockTick;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live latency against a running demo: marks posted through the API at a steady rate
 * (amendments of one school day, each pupil's code flipping every round, recorded now); for a sample of
 * them, the time from the 202 until the pupil's register shows the new code, polled every 25 ms. Then,
 * with those marks still flowing, the next school days one at a time: every pupil's registers (absent,
 * unauthorised) posted, then the day's ends published to the clock topic as live mode does, each of its case
 * events timed from the publication to when a read-committed consumer reads it. Not a test: figures go in
 * BENCHMARKS.md.
 */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
        description = "Marks-to-pupil latency through the API at a steady rate, and day-end-to-case-event latency.")
public final class LiveLatencyCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://localhost:8080")
    String url;

    @Option(names = "--key", defaultValue = "demo-admin-key", description = "An API key that may post marks and read every pupil.")
    String key;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "The service's Kafka (the demo's embedded broker).")
    String bootstrap;

    @Option(names = "--rate", defaultValue = "2000", description = "Marks per second, posted in 20 requests a second.")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the marks flow before the day ends are published.")
    int seconds;

    @Option(names = "--date", defaultValue = "2025-12-19", description = "The school day whose AM marks are amended.")
    LocalDate date;

    @Option(names = "--day-ends", defaultValue = "5", description = "School days after the data to end, one at a time.")
    int dayEnds;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Pupil(String upn, String urn) {
    }

    @Override
    public Integer call() throws Exception {
        List<Pupil> pupils = new ArrayList<>();
        for (String urn : get("/api/v1/schools").findValuesAsText("urn").stream().distinct().toList()) {
            for (String upn : get("/api/v1/schools/" + urn + "/pupils").findValuesAsText("upn")) pupils.add(new Pupil(upn, urn));
        }
        int perPost = Math.max(1, rate / 20);
        System.out.printf("%d pupils; %d marks/s in 20 POSTs a second for %d s (amending %s AM)%n", pupils.size(), perPost * 20, seconds, date);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger posted = new AtomicInteger(), refused = new AtomicInteger();
        int[] next = {0};
        long start = System.nanoTime();
        var sender = pool.scheduleAtFixedRate(() -> {
            int round = next[0] / pupils.size();
            StringBuilder body = new StringBuilder("[");
            Pupil sampled = pupils.get(next[0] % pupils.size());
            String sampledCode = round % 2 == 0 ? "L" : "/";
            for (int i = 0; i < perPost; i++, next[0]++) {
                Pupil p = pupils.get(next[0] % pupils.size());
                String code = (next[0] / pupils.size()) % 2 == 0 ? "L" : "/";
                if (i > 0) body.append(',');
                body.append(String.format("{\"upn\":\"%s\",\"urn\":\"%s\",\"date\":\"%s\",\"session\":\"AM\",\"code\":\"%s\",\"recordedAt\":\"%s\"}",
                        p.upn(), p.urn(), date, code, Instant.now()));
            }
            boolean sample = next[0] / perPost % 10 == 0 && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5); // 2 a second
            // sent without waiting for the answer: a slow answer cannot slow the rate
            http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/marks")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body + "]")).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 202) {
                            refused.incrementAndGet();
                            return;
                        }
                        posted.addAndGet(perPost);
                        long accepted = System.nanoTime();
                        if (sample) pool.execute(() -> poll(sampled, sampledCode, accepted, visible));
                    });
        }, 0, 50, TimeUnit.MILLISECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the load's length: a harness, not a test
        report("marks accepted (202) → the pupil's register shows them", visible);
        System.out.printf("%,d marks posted in %d s (%,.0f/s), %d requests refused or failed%n", posted.get(), seconds,
                posted.get() / (double) seconds, refused.get());
        List<Long> events = dayEnds(pupils);
        report("day end published → each of its case events read (read_committed)", events);
        sender.cancel(false);
        pool.shutdownNow();
        return 0;
    }

    private void poll(Pupil p, String code, long accepted, List<Long> visible) {
        long deadline = accepted + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                for (JsonNode m : get("/api/v1/pupils/" + p.upn() + "/register").path("marks")) {
                    if (m.path("date").asText().equals(date.toString()) && m.path("session").asText().equals("AM")
                            && m.path("code").asText().equals(code)) {
                        visible.add(System.nanoTime() - accepted);
                        return;
                    }
                }
                Thread.sleep(25);
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Ends the next school days one at a time; every case event dated that day timed from its day end's publication. */
    private List<Long> dayEnds(List<Pupil> pupils) throws Exception {
        SingleObjectSerdes serdes = new SingleObjectSerdes();
        Topics topics = new Topics(serdes);
        List<String> urns = pupils.stream().map(Pupil::urn).distinct().toList();
        // the demo's schools' calendars: the next school days after the data
        List<SchoolCalendar> calendars = io.attendance.app.demo.DemoLa.standard().schools().stream().map(SchoolCalendar::of).toList();
        List<Long> out = new ArrayList<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-live-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaPublisher publisher = new KafkaPublisher(bootstrap, topics);
             KafkaConsumer<String, CaseEvent> consumer = new KafkaConsumer<>(p, Serdes.String().deserializer(), topics.caseEvents.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.caseEvents.name()));
            while (consumer.assignment().isEmpty()) consumer.poll(Duration.ofMillis(100));
            LocalDate d = date;
            for (int n = 0; n < dayEnds; ) {
                d = d.plusDays(1);
                LocalDate day = d;
                if (calendars.stream().noneMatch(c -> c.isSchoolDay(day))) continue;
                n++;
                post(pupils, day); // the day's registers: everyone absent (O), so the day end has cases to open and move
                long sent = System.nanoTime();
                List<ClockTick> ticks = new ArrayList<>();
                for (String urn : urns) ticks.add(new ClockTick(urn, day, "bench-live"));
                publisher.publishTicks(ticks, Instant.now());
                long quietSince = System.nanoTime();
                int count = 0;
                while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(5)) {
                    for (ConsumerRecord<String, CaseEvent> r : consumer.poll(Duration.ofMillis(50))) {
                        if (!r.value().getDate().equals(day)) continue;
                        out.add(System.nanoTime() - sent);
                        count++;
                        quietSince = System.nanoTime();
                    }
                }
                System.out.printf("day end %s: %d case events%n", day, count);
            }
        }
        return out;
    }

    /** Both sessions of {@code day} for every pupil, unauthorised absence, recorded now (500 marks a request). */
    private void post(List<Pupil> pupils, LocalDate day) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Pupil p : pupils) {
            for (String s : new String[]{"AM", "PM"}) {
                rows.add(String.format("{\"upn\":\"%s\",\"urn\":\"%s\",\"date\":\"%s\",\"session\":\"%s\",\"code\":\"O\",\"recordedAt\":\"%s\"}",
                        p.upn(), p.urn(), day, s, Instant.now()));
            }
        }
        for (int i = 0; i < rows.size(); i += 500) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/marks")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", rows.subList(i, Math.min(rows.size(), i + 500))) + "]"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) throw new IllegalStateException("marks for " + day + " refused: " + r.body());
        }
    }

    private static void report(String what, List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (s.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%s: %d samples, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", what, s.length, Percentile.ms(s, 0.5),
                Percentile.ms(s, 0.99), s[s.length - 1] / 1e6);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + ": " + r.statusCode());
        return json.readTree(r.body());
    }
}
