package io.attendance.notifier.deliver;

import io.attendance.notifier.render.LiteralText;
import uk.gov.service.notify.LetterResponse;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.SendEmailResponse;

import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * GOV.UK Notify through its official Java client. Post: the PDF as a precompiled letter (Notify
 * prints and posts it). Email: the service's email template, with the subject, a covering note and
 * a link to the PDF uploaded with the message. The letter number is the Notify reference, so a
 * notification can be found again from the evidence.
 */
public final class NotifyChannel {
    public static final ChannelKind KIND = new ChannelKind("notify", Map.of(Medium.POST, "notify-letter", Medium.EMAIL, "notify-email"));

    /** This deployment's GOV.UK Notify service: its API key, base URL, email template and postage class. */
    public record Settings(String apiKey, String baseUrl, String emailTemplateId, String postage) implements ChannelSettings {
        @Override
        public ChannelKind kind() {
            return KIND;
        }

        @Override
        public java.util.List<Channel> open() {
            NotifyChannel notify = new NotifyChannel(apiKey, baseUrl, emailTemplateId, postage);
            return java.util.List.of(notify.post(), notify.email());
        }
    }

    private final NotificationClient client;
    private final String emailTemplateId;
    private final String postage;

    public NotifyChannel(String apiKey, String baseUrl, String emailTemplateId, String postage) {
        this.client = new NotificationClient(apiKey, baseUrl);
        this.emailTemplateId = emailTemplateId;
        this.postage = postage == null ? "second" : postage;
    }

    public Channel post() {
        return new Channel() {
            @Override
            public String name() {
                return KIND.carries().get(Medium.POST);
            }

            @Override
            public String deliver(OutgoingLetter l) throws Exception {
                LetterResponse r = client.sendPrecompiledLetterWithInputStream(l.letterNumber(), new ByteArrayInputStream(l.pdf()), postage);
                return r.getNotificationId().toString();
            }
        };
    }

    public Channel email() {
        return new Channel() {
            @Override
            public String name() {
                return KIND.carries().get(Medium.EMAIL);
            }

            @Override
            public String deliver(OutgoingLetter l) throws Exception {
                if (emailTemplateId == null) throw new IllegalStateException("no GOV.UK Notify email template is configured");
                // One line each: a line break in a name could start Notify formatting (a heading, a list).
                Map<String, Object> personalisation = Map.of(
                        "subject", LiteralText.oneLine(l.title() + " (" + l.letterRef() + ")"),
                        "name", LiteralText.oneLine(l.recipientName()),
                        "body", LiteralText.oneLine("Please find attached a letter from " + l.laName() + " about your child's attendance at "
                                + l.schoolName() + "."),
                        "link_to_file", NotificationClient.prepareUpload(l.pdf(), "letter-" + l.letterNumber() + ".pdf"));
                SendEmailResponse r = client.sendEmail(emailTemplateId, l.email(), personalisation, l.letterNumber());
                return r.getNotificationId().toString();
            }
        };
    }
}
