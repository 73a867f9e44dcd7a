package io.attendance.notifier.render;

import io.attendance.notifier.deliver.ChannelKinds;
import io.attendance.notifier.deliver.Medium;

import java.util.List;

/**
 * An LA's letterhead and its delivery choices, read from {@code letters/la/<la>.yaml} beside the
 * policies: the name, address, contact details and signatory printed on every letter, a logo
 * placeholder, and which channel carries post and which carries email for this LA.
 */
public record Letterhead(String name, String service, List<String> address, String phone, String email,
                         String logo, Signatory signatory, Channels channels) {

    public record Signatory(String name, String role) {
    }

    /** {@code post}: a channel that carries post (outbox, notify). {@code email}: one that carries email (smtp, notify), or none. */
    public record Channels(String post, String email) {
        public Channels {
            if (post == null) post = "outbox";
            if (email == null) email = "none";
            List<String> posts = ChannelKinds.carrying(Medium.POST), emails = ChannelKinds.carrying(Medium.EMAIL);
            if (!posts.contains(post)) throw new IllegalArgumentException("channels.post: '" + post + "': " + String.join(" or ", posts));
            if (!email.equals("none") && !emails.contains(email)) {
                throw new IllegalArgumentException("channels.email: '" + email + "': " + String.join(", ", emails) + " or none");
            }
        }
    }

    public Letterhead {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: the LA's name is required");
        if (signatory == null || signatory.name() == null || signatory.name().isBlank()) {
            throw new IllegalArgumentException("signatory.name: every letter is signed by a named officer");
        }
        if (address == null) address = List.of();
        if (service == null) service = "";
        // Every letter tells the parent how to reach the service: a letterhead without them would print "on  or at ,".
        if (phone == null || phone.isBlank()) throw new IllegalArgumentException("phone: parents are told whom to call");
        if (email == null || email.isBlank()) throw new IllegalArgumentException("email: parents are told where to write");
        if (logo == null) logo = "[" + name + " logo]";
        if (channels == null) channels = new Channels(null, null);
    }
}
