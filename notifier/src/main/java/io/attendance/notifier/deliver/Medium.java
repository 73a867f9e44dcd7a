package io.attendance.notifier.deliver;

/** What a letter travels as: a printed letter in the post, or an email carrying the PDF. */
public enum Medium {
    POST, EMAIL
}
