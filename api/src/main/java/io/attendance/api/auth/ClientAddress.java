package io.attendance.api.auth;

import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, as sign-in limits and logs count it. Behind the LA's TLS proxy
 * every connection comes from the proxy, so one address's 20 failed sign-ins would lock everyone
 * out: when the connection is from a proxy the LA lists as trusted, the client is the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy (entries further left are the client's
 * own claims). From anyone else the header is ignored, so it cannot be used to dodge the limit.
 */
public final class ClientAddress {
    private final Set<String> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = Set.copyOf(trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public static ClientAddress none() {
        return new ClientAddress(List.of());
    }

    public String of(String remoteAddress, String forwardedFor) {
        if (!trusted.contains(remoteAddress) || forwardedFor == null || forwardedFor.isBlank()) return remoteAddress;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) return hop;
        }
        return remoteAddress;
    }
}
