package io.attendance.core.pupil;

import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a pupil's parents' contact details usable: each parent named, with a stable id, a
 * UK postcode with any address and a well-formed email, and at least one way to reach them —
 * letters go to every parent (Education Act 1996 s576), so a parent who cannot be reached is an
 * error the person entering the data must see.
 */
public final class ContactRules {
    /** GOV.UK's postcode pattern (BS 7666), spaces optional; compared in upper case. */
    private static final Pattern POSTCODE = Pattern.compile(
            "^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|([A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?)|[0-9][A-HJKPS-UW]) ?[0-9][ABD-HJLNP-UW-Z]{2})$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern PARENT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,40}$");
    public static final List<String> CHANNELS = List.of("post", "email");

    private ContactRules() {
    }

    /** One problem with one parent: {@code index} counts from 1, -1 for the record as a whole. */
    public record Problem(int index, String field, String reason) {
        @Override
        public String toString() {
            return (index < 0 ? "" : "parents[" + index + "]" + (field.isEmpty() ? "" : ".")) + field + ": " + reason;
        }
    }

    public static List<Problem> problems(PupilContacts c) {
        List<Problem> out = new ArrayList<>();
        Upn.problemWith(c.getUpn()).ifPresent(p -> out.add(new Problem(-1, "upn", p)));
        if (blank(c.getPupilName())) out.add(new Problem(-1, "pupilName", "is required: letters name the child"));
        PlainText.problemWith(c.getPupilName()).ifPresent(p -> out.add(new Problem(-1, "pupilName", p)));
        if (c.getParents().isEmpty()) out.add(new Problem(-1, "parents", "at least one parent is required"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < c.getParents().size(); i++) {
            Contact p = c.getParents().get(i);
            int n = i + 1;
            if (p.getParentId() == null || !PARENT_ID.matcher(p.getParentId()).matches()) {
                out.add(new Problem(n, "parentId", "1–40 letters, digits, '-' or '_'"));
            } else if (!ids.add(p.getParentId())) {
                out.add(new Problem(n, "parentId", "'" + p.getParentId() + "' is used twice"));
            }
            if (blank(p.getName())) out.add(new Problem(n, "name", "is required"));
            for (var f : java.util.Map.of("name", nz(p.getName()), "relationship", nz(p.getRelationship()), "postcode", nz(p.getPostcode()),
                    "email", nz(p.getEmail())).entrySet()) {
                PlainText.problemWith(f.getValue()).ifPresent(why -> out.add(new Problem(n, f.getKey(), why)));
            }
            for (String line : p.getAddressLines()) {
                PlainText.problemWith(line).ifPresent(why -> out.add(new Problem(n, "addressLines", why)));
            }
            if (blank(p.getRelationship())) out.add(new Problem(n, "relationship", "is required (mother, father, carer...)"));
            if (!CHANNELS.contains(p.getPreferredChannel())) out.add(new Problem(n, "preferredChannel", "'" + p.getPreferredChannel() + "': post or email"));
            boolean hasAddress = p.getAddressLines().stream().anyMatch(l -> !blank(l));
            if (p.getPostcode() != null && !isPostcode(p.getPostcode())) {
                out.add(new Problem(n, "postcode", "'" + p.getPostcode() + "' is not a UK postcode"));
            } else if (hasAddress && p.getPostcode() == null) {
                out.add(new Problem(n, "postcode", "is required with an address"));
            } else if (!hasAddress && p.getPostcode() != null) {
                out.add(new Problem(n, "addressLines", "a postcode needs the address lines"));
            }
            if (p.getEmail() != null && !EMAIL.matcher(p.getEmail()).matches()) {
                out.add(new Problem(n, "email", "'" + p.getEmail() + "' is not an email address"));
            }
            if (!hasAddress && !usableEmail(p)) {
                out.add(new Problem(n, "", "no address and no email: every parent needs at least one way to be reached"));
            }
        }
        return out;
    }

    public static boolean isPostcode(String s) {
        return s != null && POSTCODE.matcher(s.trim().toUpperCase(Locale.ROOT)).matches();
    }

    /** Post can reach this parent: address lines and a valid postcode. */
    public static boolean usableAddress(Contact p) {
        return p.getAddressLines().stream().anyMatch(l -> !blank(l)) && isPostcode(p.getPostcode());
    }

    public static boolean usableEmail(Contact p) {
        return p.getEmail() != null && EMAIL.matcher(p.getEmail()).matches();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
