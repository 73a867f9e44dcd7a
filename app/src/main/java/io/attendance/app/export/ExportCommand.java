package io.attendance.app.export;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code attendance export pupil UPN}: a subject access export from the running service, as the
 * LA's automation key acting for a named person: the same ZIP, scope and access-log entry as
 * {@code GET /api/v1/pupils/{upn}/export}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export data held about a person.", subcommands = ExportCommand.Pupil.class)
public final class ExportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "pupil", mixinStandardHelpOptions = true,
            description = "Everything held about one pupil (a subject access request) as one ZIP with a manifest, from the running service.")
    public static final class Pupil implements Callable<Integer> {
        @Parameters(paramLabel = "UPN")
        String upn;

        @Option(names = "--url", defaultValue = "http://localhost:${env:ATTENDANCE_HTTP_PORT:-8080}",
                description = "The service (default http://localhost:8080).")
        String url;

        @Option(names = "--api-key", defaultValue = "${env:ATTENDANCE_ADMIN_KEY}",
                description = "The LA's automation key (default ATTENDANCE_ADMIN_KEY; prefer the environment).")
        String apiKey;

        @Option(names = "--requested-by", required = true,
                description = "The person the export is made for (the access log names them), e.g. \"J Okafor (DPO)\".")
        String requestedBy;

        @Option(names = "--out", description = "The ZIP to write, which must not exist (default subject-access-export-<date>-<time>.zip here).")
        Path out;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (apiKey == null || apiKey.isBlank()) {
                System.err.println("export pupil: no key: set ATTENDANCE_ADMIN_KEY (or --api-key); nothing was exported");
                return 2;
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/pupils/" + upn + "/export"))
                    .header("Authorization", "Bearer " + apiKey).header("X-Recorded-By", requestedBy).timeout(Duration.ofMinutes(2)).GET().build();
            HttpResponse<byte[]> res;
            try {
                res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                System.err.println("export pupil: cannot reach " + url + ": " + e.getMessage() + "; nothing was exported");
                return 1;
            }
            if (res.statusCode() != 200) {
                System.err.println("export pupil: the service answered " + res.statusCode() + ": " + new String(res.body(), StandardCharsets.UTF_8));
                return 1;
            }
            Path file = out != null ? out : Path.of("subject-access-export-"
                    + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip");
            if (Files.exists(file)) {
                System.err.println("export pupil: " + file + " exists; nothing was written (name another with --out)");
                return 1;
            }
            // A child's data: readable by this user only, as the notifier's outbox is.
            Files.createFile(file, io.attendance.notifier.deliver.OwnerOnly.file(file));
            Files.write(file, res.body());
            System.out.println(file + ": " + res.body().length + " bytes (manifest.json inside lists every file and its SHA-256)");
            return 0;
        }
    }
}
