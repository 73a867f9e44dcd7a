package io.attendance.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for a running service's read API: mixed reads (a pupil, a school's pupil list, a
 * case, a school's cases) at a fixed rate, sent whether or not earlier ones have been answered (an open
 * model: a slow answer cannot slow the load and hide itself), each timed from when it was due to be sent.
 * The pupils, schools and cases asked for are found through the API first. Not a test: figures go in
 * BENCHMARKS.md.
 */
@Command(name = "bench-api", mixinStandardHelpOptions = true,
        description = "Mixed API reads at a fixed rate against a running service; p50/p99/max and errors per kind.")
public final class ApiLoadCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The service (loopback only for the benchmark).")
    String url;

    @Option(names = "--key", defaultValue = "demo-admin-key", description = "An API key that may read every school (the demo's admin key).")
    String key;

    @Option(names = "--rate", defaultValue = "500", description = "Requests per second.")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the measured load lasts.")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Load before measuring (not counted).")
    int warmup;

    private static final String[] KINDS = {"pupil", "school list", "case", "cases by school"};
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        List<String> urns = values(get("/api/v1/schools"), "urn");
        List<String> upns = new ArrayList<>(), cases = new ArrayList<>();
        for (String urn : urns) {
            upns.addAll(values(get("/api/v1/schools/" + urn + "/pupils"), "upn"));
            cases.addAll(values(get("/api/v1/cases?urn=" + enc(urn)), "id"));
        }
        if (urns.isEmpty() || upns.isEmpty() || cases.isEmpty()) {
            System.err.println("bench-api: the service has no schools, pupils or cases to read yet");
            return 1;
        }
        System.out.printf("targets: %d schools, %d pupils, %d cases; %d requests/s for %d s after %d s of warm-up%n",
                urns.size(), upns.size(), cases.size(), rate, seconds, warmup);
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>(); // kind, latency ns, status (0: failed)
        AtomicLong inFlight = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime(), measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (long n = 0; ; n++) {
            long due = start + n * interval;
            if (due >= end) break;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            int kind = (int) (n % KINDS.length);
            String path = switch (kind) {
                case 0 -> "/api/v1/pupils/" + upns.get((int) (n * 7919 % upns.size()));
                case 1 -> "/api/v1/schools/" + urns.get((int) (n / 4 % urns.size())) + "/pupils";
                case 2 -> "/api/v1/cases/" + enc(cases.get((int) (n * 104729 % cases.size())));
                default -> "/api/v1/cases?urn=" + enc(urns.get((int) (n / 4 % urns.size())));
            };
            boolean measured = due >= measureFrom;
            inFlight.incrementAndGet();
            http.sendAsync(request(path), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.decrementAndGet();
                if (measured) done.add(new long[]{kind, System.nanoTime() - due, e == null ? r.statusCode() : 0});
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        report(new ArrayList<>(done), inFlight.get());
        return 0;
    }

    private void report(List<long[]> done, long unanswered) {
        Map<String, List<long[]>> byKind = new TreeMap<>();
        for (long[] d : done) byKind.computeIfAbsent(KINDS[(int) d[0]], k -> new ArrayList<>()).add(d);
        byKind.put("all", done);
        System.out.printf("%-16s %8s %9s %9s %9s %7s%n", "kind", "requests", "p50 ms", "p99 ms", "max ms", "errors");
        for (Map.Entry<String, List<long[]>> e : byKind.entrySet()) {
            long[] ms = e.getValue().stream().mapToLong(d -> d[1]).sorted().toArray();
            long errors = e.getValue().stream().filter(d -> d[2] < 200 || d[2] >= 300).count();
            System.out.printf("%-16s %8d %9.2f %9.2f %9.2f %7d%n", e.getKey(), ms.length, Percentile.ms(ms, 0.50), Percentile.ms(ms, 0.99),
                    ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6, errors);
        }
        Map<Long, Long> statuses = new TreeMap<>();
        for (long[] d : done) statuses.merge(d[2], 1L, Long::sum);
        System.out.println("answers by status (0: no answer within 30 s): " + statuses);
        if (unanswered > 0) System.out.printf("%d requests still unanswered after 30 s%n", unanswered);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    private static List<String> values(JsonNode node, String field) {
        return new ArrayList<>(new LinkedHashSet<>(node.findValuesAsText(field)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
