package io.attendance.notifier;

import io.attendance.notifier.deliver.ChannelSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * One notifier's configuration. Which channel an LA's letters take is in its letterhead file;
 * these are the channels' connections (the outbox is always open).
 *
 * @param instanceId  stable per notifier instance: its transactional id (a restarted instance fences its zombie)
 * @param policiesDir a policies folder whose {@code letters/} replace the shipped templates, or null
 * @param outboxDir   where the post outbox writes PDFs and manifests
 * @param channels    the other channels configured here (SMTP, GOV.UK Notify): an LA whose letterhead names one
 *                    not configured here gets failures and tasks
 * @param attempts    tries per delivery before it fails
 * @param backoffMs   wait before the second try, doubled before each further one
 */
public record NotifierSettings(io.attendance.contract.KafkaClients kafka, String instanceId, Path policiesDir, Path outboxDir,
                               List<ChannelSettings> channels, int attempts, long backoffMs) {
    public NotifierSettings {
        channels = List.copyOf(channels);
    }

    /** With only the outbox. */
    public NotifierSettings(io.attendance.contract.KafkaClients kafka, String instanceId, Path policiesDir, Path outboxDir, int attempts, long backoffMs) {
        this(kafka, instanceId, policiesDir, outboxDir, List.of(), attempts, backoffMs);
    }
}
