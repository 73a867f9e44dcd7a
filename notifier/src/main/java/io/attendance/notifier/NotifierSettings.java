package io.attendance.notifier;

import java.nio.file.Path;

/**
 * One notifier's configuration. Which channel an LA's letters take is in its letterhead file;
 * these are the channels' connections.
 *
 * @param instanceId  stable per notifier instance: its transactional id (a restarted instance fences its zombie)
 * @param policiesDir a policies folder whose {@code letters/} replace the shipped templates, or null
 * @param outboxDir   where the post outbox writes PDFs and manifests
 * @param smtp        null when this deployment has no SMTP relay (an LA configured for smtp then gets failures and tasks)
 * @param govukNotify null when this deployment has no GOV.UK Notify key
 * @param attempts    tries per delivery before it fails
 * @param backoffMs   wait before the second try, doubled before each further one
 */
public record NotifierSettings(String bootstrapServers, String instanceId, Path policiesDir, Path outboxDir,
                               Smtp smtp, Notify govukNotify, int attempts, long backoffMs) {

    public record Smtp(String host, int port, boolean startTls, String user, String password, String from) {
    }

    public record Notify(String apiKey, String baseUrl, String emailTemplateId, String postage) {
    }
}
