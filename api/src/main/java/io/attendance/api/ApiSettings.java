package io.attendance.api;

import io.attendance.api.auth.Accounts;
import io.attendance.api.auth.SessionTokens;
import io.attendance.core.TopologySettings;
import io.attendance.contract.query.AttendanceQueries.Instance;

import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;

/**
 * @param self                 this instance's {@code application.server} (host and HTTP port)
 * @param schoolVisibleWithin  how long PUT /schools waits for the school to reach this instance's store
 * @param security             who may sign in or call, and how sessions are signed
 * @param live                 where the pages' live updates come from (null: pages do not update live)
 */
public record ApiSettings(Instance self, TopologySettings topology, Duration schoolVisibleWithin,
                          Security security, Live live) {

    /** @param secureCookies mark the session cookie Secure (browsers still send it to http://localhost) */
    public record Security(Accounts accounts, SessionTokens sessions, boolean secureCookies, io.attendance.api.auth.ClientAddress clients) {
        public Security(Accounts accounts, SessionTokens sessions, boolean secureCookies) {
            this(accounts, sessions, secureCookies, io.attendance.api.auth.ClientAddress.none());
        }
    }

    /** @param pupilChanges the topology's pupil-changes topic: a pupil's figures changed */
    public record Live(io.attendance.contract.KafkaClients kafka, String pupilChanges, String caseEvents, Deserializer<io.attendance.schemas.CaseEvent> events) {
    }
}
