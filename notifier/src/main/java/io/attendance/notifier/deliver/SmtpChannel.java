package io.attendance.notifier.deliver;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.util.Properties;

/**
 * Email over SMTP (Jakarta Mail, Angus): a short covering note with the letter attached as PDF.
 * The Message-ID is derived from the letter id, so if a crash ever forces a resend the receiving
 * systems see the same message, not a second one.
 */
public final class SmtpChannel implements Channel {
    public static final ChannelKind KIND = new ChannelKind("smtp", java.util.Map.of(Medium.EMAIL, "smtp"));

    /** This deployment's SMTP relay. */
    public record Settings(String host, int port, boolean startTls, String user, String password, String from) implements ChannelSettings {
        @Override
        public ChannelKind kind() {
            return KIND;
        }

        @Override
        public java.util.List<Channel> open() {
            return java.util.List.of(new SmtpChannel(host, port, startTls, user, password, from));
        }
    }

    private final Session session;
    private final String from;
    private final String user;
    private final String password;

    public SmtpChannel(String host, int port, boolean startTls, String user, String password, String from) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", Boolean.toString(user != null));
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        this.session = Session.getInstance(p);
        this.from = from;
        this.user = user;
        this.password = password;
    }

    @Override
    public String name() {
        return KIND.carries().get(Medium.EMAIL);
    }

    @Override
    public String deliver(OutgoingLetter l) throws Exception {
        String messageId = "<" + l.letterNumber() + "." + l.letterId().hashCode() + "@attendance.letters>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from, l.laName(), "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(l.email(), l.recipientName(), "UTF-8"));
        m.setSubject(l.title() + " (" + l.letterRef() + ")", "UTF-8");
        MimeBodyPart note = new MimeBodyPart();
        note.setText("Dear " + l.recipientName() + ",\n\nPlease find attached a letter from " + l.laName()
                + " about your child's attendance at " + l.schoolName() + ".\n\nReference: " + l.letterRef()
                + " / " + l.letterNumber() + "\n", "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(l.pdf(), "application/pdf")));
        pdf.setFileName("letter-" + l.letterNumber() + ".pdf");
        m.setContent(new MimeMultipart(note, pdf));
        m.saveChanges();
        if (user == null) Transport.send(m);
        else Transport.send(m, user, password);
        return messageId;
    }
}
