package io.attendance.core.pupil;

import java.util.Optional;

/**
 * Unique Pupil Number check (DfE "UPN" specification): 13 characters — check letter, 3-digit LA
 * number, 4-digit establishment number, 2-digit year, 3-digit serial (a temporary UPN ends in a
 * letter). Check letter = alphabet[sum(weight_i * value_i) mod 23] with weights 2..13 over
 * characters 2..13.
 */
public final class Upn {
    static final String ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn() {
    }

    /** Why the UPN is invalid, or empty when it is valid. Never echoes the UPN itself. */
    public static Optional<String> problemWith(String upn) {
        if (upn == null || upn.isEmpty()) return Optional.of("UPN is missing");
        if (upn.length() != 13) return Optional.of("UPN must be 13 characters, got " + upn.length());
        for (int i = 1; i < 12; i++) {
            if (!digit(upn.charAt(i))) return Optional.of("UPN character " + (i + 1) + " must be a digit");
        }
        char last = upn.charAt(12);
        if (!digit(last) && ALPHABET.indexOf(last) < 0) {
            return Optional.of("UPN character 13 must be a digit or a letter of " + ALPHABET);
        }
        char expected = checkLetter(upn.substring(1));
        if (upn.charAt(0) != expected) return Optional.of("UPN check letter does not match the other 12 characters");
        return Optional.empty();
    }

    /** ASCII 0–9 only: Character.isDigit also takes full-width and other scripts' digits, which no MIS writes in a UPN. */
    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isValid(String upn) {
        return problemWith(upn).isEmpty();
    }

    /** The check letter for the 12 characters after it. */
    public static char checkLetter(String rest12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = rest12.charAt(i);
            int value = digit(c) ? c - '0' : ALPHABET.indexOf(c);
            sum += value * (i + 2);
        }
        return ALPHABET.charAt(sum % 23);
    }

    /** Builds a valid UPN from LA number, establishment, year and serial (demo and tests). */
    public static String of(int la, int establishment, int year, int serial) {
        if (la < 0 || la > 999 || establishment < 0 || establishment > 9999 || year < 0 || serial < 0 || serial > 999) {
            throw new IllegalArgumentException("UPN parts out of range: LA 3 digits, establishment 4, serial 3");
        }
        String rest = String.format("%03d%04d%02d%03d", la, establishment, year % 100, serial);
        return checkLetter(rest) + rest;
    }
}
