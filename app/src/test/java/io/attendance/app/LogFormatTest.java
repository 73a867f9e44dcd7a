package io.attendance.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's logback.xml as shipped: dated text lines by default, one JSON object per line with ATTENDANCE_LOG_FORMAT=json. */
class LogFormatTest {
    @AfterEach
    void restore() throws Exception {
        System.clearProperty("ATTENDANCE_LOG_FORMAT");
        configure("logback-test.xml");
    }

    @Test
    void the_default_text_line_starts_with_the_date_and_time_in_utc() throws Exception {
        String out = logged("text");
        assertThat(out).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO  \\[[^]]+] i\\.a\\.app\\.LogFormatTest - day end read\\n");
        assertThat(Instant.parse(out.substring(0, 24))).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void json_gives_one_object_per_line_with_level_logger_and_message() throws Exception {
        String out = logged("json");
        assertThat(out.lines()).hasSize(1);
        JsonNode line = Http.JSON.readTree(out);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo(LogFormatTest.class.getName());
        assertThat(line.get("formattedMessage").asText()).isEqualTo("day end read");
        assertThat(Instant.ofEpochMilli(line.get("timestamp").asLong())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(line.has("arguments")).as("arguments could carry what the message leaves out").isFalse();
    }

    private static String logged(String format) throws Exception {
        System.setProperty("ATTENDANCE_LOG_FORMAT", format);
        LoggerFactory.getILoggerFactory(); // logback's own start-up (and what it prints) happens before the capture
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            configure("logback.xml");
            LoggerFactory.getLogger(LogFormatTest.class).info("day end {}", "read");
        } finally {
            System.setOut(was);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void configure(String resource) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getStatusManager().clear(); // a warning from the suite's own start-up would make logback print its status list
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        c.doConfigure(LogFormatTest.class.getClassLoader().getResource(resource));
    }
}
