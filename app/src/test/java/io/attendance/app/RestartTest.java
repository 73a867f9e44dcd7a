package io.attendance.app;

import io.attendance.app.broker.EmbeddedBroker;
import io.attendance.core.pupil.Upn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded broker's data and the state stores survive a restart from the same data directory. */
class RestartTest {

    @Test
    void aPupilCountedBeforeARestartIsStillThereAfterItAndNewMarksAddToIt() {
        Path data = TestNodes.scratch("restart");
        String upn = Upn.of(938, 2001, 25, 7);
        String body = "upn,urn,date,session,code\n%s,100001,2025-09-08,AM,/\n%s,100001,2025-09-08,PM,O\n".formatted(upn, upn);

        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0); AttendanceNode node = node(broker, data)) {
            Http http = new Http(node.httpPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health").status() == 200);
            assertThat(http.put("/api/v1/schools/100001", TestNodes.RIVERSIDE_JSON).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/marks", "text/csv", body).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/pupils/" + upn).status() == 200);
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0); AttendanceNode node = node(broker, data)) {
            Http http = new Http(node.httpPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health").status() == 200);
            assertThat(http.get("/api/v1/schools/100001").status()).isEqualTo(200);
            assertThat(http.post("/api/v1/marks", "text/csv",
                    "upn,urn,date,session,code\n%s,100001,2025-09-09,AM,I\n".formatted(upn)).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/api/v1/pupils/" + upn).body())
                    .contains("\"yearToDate\":{\"possible\":3,\"attended\":1,\"authorised\":1,\"unauthorised\":1"));
        }
    }

    private static AttendanceNode node(EmbeddedBroker broker, Path data) {
        return new AttendanceNode(new NodeSettings(io.attendance.contract.KafkaClients.of(broker.bootstrapServers()), "restart", data.resolve("streams"),
                "localhost", 0, 6, (short) 1, 0, List.of(6, 10), null, 1, 1000, null, 0, true, TestNodes.ACCESS)).start();
    }
}
