package io.attendance.notifier.deliver;

import java.util.List;
import java.util.Optional;

/** Every channel kind a letterhead may name. A new channel: its class, its settings, and a line here. */
public final class ChannelKinds {
    public static final List<ChannelKind> ALL = List.of(OutboxChannel.KIND, SmtpChannel.KIND, NotifyChannel.KIND);

    private ChannelKinds() {
    }

    /** The name recorded on a letter the named kind carries as this medium; empty when it does not carry it. */
    public static Optional<String> channelFor(String kind, Medium medium) {
        return ALL.stream().filter(k -> k.name().equals(kind)).findFirst().map(k -> k.carries().get(medium));
    }

    /** The kinds that carry this medium, by name (for a letterhead's error). */
    public static List<String> carrying(Medium medium) {
        return ALL.stream().filter(k -> k.carries().containsKey(medium)).map(ChannelKind::name).toList();
    }
}
