package io.attendance.notifier.deliver;

/** A way a letter leaves the building. Returns the provider's reference for the evidence record. */
public interface Channel {
    /** The name recorded on the letter: outbox, smtp, notify-letter or notify-email. */
    String name();

    /** Hands the letter over; throws when the channel refused it or could not be reached (the caller retries). */
    String deliver(OutgoingLetter letter) throws Exception;
}
