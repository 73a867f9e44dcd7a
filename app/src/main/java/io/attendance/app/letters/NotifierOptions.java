package io.attendance.app.letters;

import io.attendance.notifier.NotifierSettings;
import io.attendance.notifier.deliver.ChannelSettings;
import io.attendance.notifier.deliver.NotifyChannel;
import io.attendance.notifier.deliver.SmtpChannel;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifier's connections, shared by {@code run} (notifier in the same process) and
 * {@code notifier} (alone). Which channel each LA uses is in its letterhead file, not here.
 */
public final class NotifierOptions {
    @Option(names = "--outbox", defaultValue = "${env:ATTENDANCE_OUTBOX}",
            description = "Post outbox folder: PDFs and a manifest per letter date (default: <data-dir>/outbox).")
    Path outbox;

    @Option(names = "--smtp-host", defaultValue = "${env:ATTENDANCE_SMTP_HOST}", description = "SMTP relay for email letters (none: no SMTP).")
    String smtpHost;

    @Option(names = "--smtp-port", defaultValue = "${env:ATTENDANCE_SMTP_PORT:-587}", description = "SMTP port (default 587).")
    int smtpPort;

    @Option(names = "--smtp-starttls", defaultValue = "${env:ATTENDANCE_SMTP_STARTTLS:-true}", description = "Use STARTTLS (default true).")
    boolean smtpStartTls;

    @Option(names = "--smtp-user", defaultValue = "${env:ATTENDANCE_SMTP_USER}", description = "SMTP user, if the relay needs one.")
    String smtpUser;

    @Option(names = "--smtp-password", defaultValue = "${env:ATTENDANCE_SMTP_PASSWORD}", description = "SMTP password (prefer the environment).")
    String smtpPassword;

    @Option(names = "--smtp-from", defaultValue = "${env:ATTENDANCE_SMTP_FROM}", description = "From address for email letters.")
    String smtpFrom;

    @Option(names = "--notify-api-key", defaultValue = "${env:ATTENDANCE_NOTIFY_API_KEY}", description = "GOV.UK Notify API key (none: no Notify).")
    String notifyKey;

    @Option(names = "--notify-base-url", defaultValue = "${env:ATTENDANCE_NOTIFY_BASE_URL:-https://api.notifications.service.gov.uk}",
            description = "GOV.UK Notify API base URL.")
    String notifyBaseUrl;

    @Option(names = "--notify-email-template", defaultValue = "${env:ATTENDANCE_NOTIFY_EMAIL_TEMPLATE}",
            description = "Notify email template id (personalisation: subject, name, body, link_to_file).")
    String notifyEmailTemplate;

    @Option(names = "--notify-postage", defaultValue = "${env:ATTENDANCE_NOTIFY_POSTAGE:-second}", description = "first, second or economy.")
    String notifyPostage;

    @Option(names = "--letter-attempts", defaultValue = "${env:ATTENDANCE_LETTER_ATTEMPTS:-4}", description = "Delivery attempts before a letter fails (default 4).")
    int attempts;

    @Option(names = "--letter-backoff-ms", defaultValue = "${env:ATTENDANCE_LETTER_BACKOFF_MS:-1000}",
            description = "Wait before the second attempt, doubled each time (default 1000).")
    long backoffMs;

    public NotifierSettings settings(io.attendance.contract.KafkaClients kafka, String instanceId, Path policies, Path dataDir) {
        List<ChannelSettings> channels = new ArrayList<>();
        if (smtpHost != null && !smtpHost.isBlank()) {
            channels.add(new SmtpChannel.Settings(smtpHost, smtpPort, smtpStartTls, smtpUser, smtpPassword,
                    smtpFrom == null ? "attendance@localhost" : smtpFrom));
        }
        if (notifyKey != null && !notifyKey.isBlank()) {
            channels.add(new NotifyChannel.Settings(notifyKey, notifyBaseUrl, notifyEmailTemplate, notifyPostage));
        }
        return new NotifierSettings(kafka, instanceId, policies, outbox != null ? outbox : dataDir.resolve("outbox"),
                channels, attempts, backoffMs);
    }
}
