package io.attendance.notifier.deliver;

import java.util.Map;

/**
 * A way letters leave, as an LA's letterhead names it ({@code channels.post: notify},
 * {@code channels.email: smtp}), and the name recorded on each letter it carries, by medium (GOV.UK
 * Notify carries both: {@code notify-letter} and {@code notify-email}).
 */
public record ChannelKind(String name, Map<Medium, String> carries) {
    public ChannelKind {
        carries = Map.copyOf(carries);
    }
}
