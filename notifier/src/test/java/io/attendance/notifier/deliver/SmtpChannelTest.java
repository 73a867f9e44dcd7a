package io.attendance.notifier.deliver;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Email over a real SMTP conversation (GreenMail's embedded server). */
class SmtpChannelTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void a_parent_who_prefers_email_gets_the_letter_attached_as_pdf_with_a_message_id_from_the_letter() throws Exception {
        SmtpChannel smtp = new SmtpChannel("localhost", ServerSetupTest.SMTP.getPort(), false, null, null,
                "attendance@northshire.example.gov.uk");
        String messageId = smtp.deliver(Letters.toClaire());

        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("Claire Taylor <claire.taylor@example.com>");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Northshire County Council <attendance@northshire.example.gov.uk>");
        assertThat(m.getSubject()).isEqualTo("Invitation to a meeting in school about your child's attendance (AL 1.2.0)");
        assertThat(m.getMessageID()).isEqualTo(messageId);
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Dear Claire Taylor,", "Riverside Primary School", "AL 1.2.0 / 0A1B2C3D4E5F");
        Part pdf = parts.getBodyPart(1);
        assertThat(pdf.getFileName()).isEqualTo("letter-0A1B2C3D4E5F.pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(Letters.PDF);
    }

    /** Angus Mail folds a line break in a header into a continuation line: this keeps it so. */
    @Test
    void a_name_or_title_with_a_line_break_cannot_add_a_mail_header() throws Exception {
        OutgoingLetter hostile = Letters.toClaire("Invitation\r\nBcc: mallory@example.com", "Claire Taylor\r\nCc: mallory@example.com");
        SmtpChannel smtp = new SmtpChannel("localhost", ServerSetupTest.SMTP.getPort(), false, null, null, "a@northshire.example.gov.uk");
        smtp.deliver(hostile);

        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getHeader("Cc")).isNull();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("claire.taylor@example.com");
        assertThat(m.getSubject()).isEqualTo("Invitation Bcc: mallory@example.com (AL 1.2.0)"); // the line break is folded, not a header
        assertThat(mail.getReceivedMessages()).hasSize(1); // one copy: Claire's, none for mallory
    }

    @Test
    void the_same_letter_sent_again_carries_the_same_message_id() throws Exception {
        SmtpChannel smtp = new SmtpChannel("localhost", ServerSetupTest.SMTP.getPort(), false, null, null, "a@northshire.example.gov.uk");
        assertThat(smtp.deliver(Letters.toClaire())).isEqualTo(smtp.deliver(Letters.toClaire()));
    }

    @Test
    void an_unreachable_relay_is_an_error_the_notifier_retries() {
        SmtpChannel smtp = new SmtpChannel("localhost", 1, false, null, null, "a@northshire.example.gov.uk");
        assertThatThrownBy(() -> smtp.deliver(Letters.toClaire())).isInstanceOf(jakarta.mail.MessagingException.class);
    }
}
