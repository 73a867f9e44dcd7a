package io.attendance.api.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));

    @Test
    void behind_the_las_proxy_each_client_is_counted_by_its_own_address() {
        assertThat(behindProxy.of("10.0.0.5", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindProxy.of("10.0.0.5", "198.51.100.1, 203.0.113.7, 10.0.0.6")).as("the last hop before our proxies").isEqualTo("203.0.113.7");
    }

    @Test
    void a_forwarded_for_header_from_anyone_but_a_trusted_proxy_is_ignored() {
        assertThat(behindProxy.of("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.none().of("10.0.0.5", "1.2.3.4")).isEqualTo("10.0.0.5");
        assertThat(behindProxy.of("10.0.0.5", null)).isEqualTo("10.0.0.5");
    }
}
