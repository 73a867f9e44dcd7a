package io.attendance.contract;

import io.attendance.schemas.RegisterMark;
import io.attendance.schemas.Session;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The marks topic key: {@code urn|upn|date|session}. One mark stands per key (compaction keeps the latest). */
public record MarkKey(String urn, String upn, LocalDate date, Session session) {

    public static MarkKey of(RegisterMark mark) {
        return new MarkKey(mark.getUrn(), mark.getUpn(), mark.getDate(), mark.getSession());
    }

    public String format() {
        return urn + '|' + upn + '|' + date + '|' + session;
    }

    /** The key of the standing-mark store: pupil first, so one prefix scan reads a pupil's register in date order. */
    public String cellKey() {
        return upn + '|' + date + '|' + session + '|' + urn;
    }

    /** A standing-mark store key read back: {@code upn|date|session|urn}. */
    public static MarkKey ofCellKey(String cellKey) {
        String[] p = cellKey.split("\\|", -1);
        return new MarkKey(p[3], p[0], io.attendance.core.calendar.IsoDates.parse(p[1]), Session.valueOf(p[2]));
    }

    /** @throws IllegalArgumentException saying which part is wrong */
    public static MarkKey parse(String key) {
        if (key == null) throw new IllegalArgumentException("key is missing");
        String[] parts = key.split("\\|", -1);
        if (parts.length != 4) throw new IllegalArgumentException("key must be urn|upn|date|session");
        LocalDate date;
        try {
            date = io.attendance.core.calendar.IsoDates.parse(parts[2]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("key date is not yyyy-mm-dd");
        }
        Session session;
        try {
            session = Session.valueOf(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key session must be AM or PM");
        }
        return new MarkKey(parts[0], parts[1], date, session);
    }
}
