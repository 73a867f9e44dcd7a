package io.attendance.notifier.deliver;

import java.util.List;

/** One channel kind's connection settings on this deployment: the channels it opens from them. */
public interface ChannelSettings {
    ChannelKind kind();

    List<Channel> open();
}
