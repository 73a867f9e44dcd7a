package io.attendance.api.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every HTTP call leaves one line an operator can read, and no pupil's UPN in it. */
class RequestLogTest {
    private static final String UPN = "E801200125001", TEMPORARY_UPN = "E80120012500A";

    @Test
    void each_call_logs_method_path_status_and_duration_with_the_upn_masked_in_a_pupil_path_and_in_a_case_id() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.attendance.api.requests");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Javalin app = Javalin.create(config -> {
                config.requestLogger.http(new RequestLog());
                config.routes.get("/api/v1/pupils/{upn}", ctx -> ctx.result("pupil"));
                config.routes.get("/api/v1/cases/{id}", ctx -> ctx.status(404));
            });
            JavalinTest.test(app, (server, client) -> {
                client.get("/api/v1/pupils/" + UPN + "?upn=" + UPN);
                client.get("/api/v1/cases/" + TEMPORARY_UPN + "-100001-apws-1");
            });
        } finally {
            logger.detachAppender(lines);
        }
        // (the test client's own cookie-clearing call at the end is logged too: only the two calls made here are read)
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.startsWith("GET ")).toList();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).matches("GET /api/v1/pupils/\\[upn] 200 \\d+\\.\\d ms");
        assertThat(logged.get(1)).matches("GET /api/v1/cases/\\[upn]-100001-apws-1 404 \\d+\\.\\d ms");
        assertThat(String.join("\n", logged)).doesNotContain(UPN).doesNotContain(TEMPORARY_UPN);
        // a URN, a date or a letter number is not a UPN
        assertThat(RequestLog.masked("/api/v1/schools/100001/pupils")).isEqualTo("/api/v1/schools/100001/pupils");
    }
}
