package io.attendance.api.ops;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One log line per HTTP call: method, path, status and duration. A UPN in the path (a pupil's page,
 * or inside a case id) is masked: it is personal data, and logs travel further than the service.
 * The query string is never logged.
 */
public final class RequestLog implements RequestLogger {
    private static final Logger log = LoggerFactory.getLogger("io.attendance.api.requests");
    /** A UPN: a check letter, 11 digits, then a digit or a letter (temporary UPNs end with one). */
    private static final Pattern UPN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]\\d{11}[0-9A-Z](?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        log.info("{} {} {} {} ms", ctx.method().name(), masked(ctx.path()), ctx.statusCode(),
                String.format(Locale.ROOT, "%.1f", executionTimeMs));
    }

    /** The path with every UPN in it replaced by {@code [upn]}. */
    public static String masked(String path) {
        return UPN.matcher(path).replaceAll("[upn]");
    }
}
