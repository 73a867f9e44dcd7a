package io.attendance.notifier;

import io.attendance.notifier.deliver.ChannelKinds;
import io.attendance.notifier.deliver.Medium;

import com.github.mustachejava.Mustache;
import io.attendance.notifier.deliver.OutgoingLetter;
import io.attendance.notifier.render.LetterContent;
import io.attendance.notifier.render.LetterFiles;
import io.attendance.notifier.render.LetterModel;
import io.attendance.notifier.render.Letterhead;
import io.attendance.notifier.render.PdfLetterWriter;
import io.attendance.schemas.CaseEvent;
import io.attendance.schemas.Contact;
import io.attendance.schemas.LetterStatus;
import io.attendance.schemas.PupilContacts;
import io.attendance.schemas.School;
import io.attendance.core.pupil.ContactRules;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a LETTER_REQUESTED case event into one letter per parent (or one to the school): picks the
 * policy's template and the LA's letterhead, renders each copy to PDF, and chooses each parent's
 * channel from their preference, what they can be reached by, and the LA's channels. Pure: no I/O.
 */
public final class LetterPlanner {
    public static final String SCHOOL = "school";
    public static final String UNKNOWN_PARENT = "no-contacts";
    private final LetterFiles files;

    public LetterPlanner(LetterFiles files) {
        this.files = files;
    }

    public static String letterId(String eventId, String parentId) {
        return io.attendance.core.cases.CaseKeys.letterId(eventId, parentId);
    }

    /** Twelve hex digits from the letter id: printed on the letter and its outbox file name. */
    public static String letterNumber(String letterId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(letterId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<LetterPlan> plan(CaseEvent e, Optional<PupilContacts> contacts, Optional<School> school) {
        String to = e.getFields().getOrDefault("letterTo", "parents");
        String pupilName = contacts.map(PupilContacts::getPupilName).orElse(null);
        if (SCHOOL.equals(to)) {
            String schoolName = school.map(School::getName).orElse("school " + e.getUrn());
            return List.of(produce(e, school, SCHOOL, "The Headteacher", "", List.of(schoolName),
                    null, pupilName == null ? "pupil " + e.getUpn() : pupilName, "outbox"));
        }
        if (contacts.isEmpty() || contacts.get().getParents().isEmpty()) {
            return List.of(new LetterPlan(letterId(e.getEventId(), UNKNOWN_PARENT), UNKNOWN_PARENT, "", "none", null,
                    LetterStatus.NOT_SENT, "no parent contact details are held for this pupil"));
        }
        List<Contact> parents = contacts.get().getParents();
        if (to.startsWith("parent:")) { // one named parent, e.g. the one a penalty notice is issued to
            String id = e.getFields().get(to.substring("parent:".length()));
            parents = parents.stream().filter(p -> p.getParentId().equals(id)).toList();
            if (parents.isEmpty()) {
                return List.of(new LetterPlan(letterId(e.getEventId(), String.valueOf(id)), String.valueOf(id), "", "none", null,
                        LetterStatus.NOT_SENT, "parent '" + id + "' named by the action is not among the pupil's contacts"));
            }
        }
        if (to.startsWith("parents-except:")) { // e.g. minutes: each parent not present at the meeting
            String listed = e.getFields().getOrDefault(to.substring("parents-except:".length()), "");
            java.util.Set<String> except = java.util.Set.of(listed.isBlank() ? new String[0] : listed.trim().split("[,\\s]+"));
            parents = parents.stream().filter(p -> !except.contains(p.getParentId())).toList();
        }
        List<LetterPlan> out = new ArrayList<>();
        for (Contact p : parents) {
            Optional<Letterhead> la = school.flatMap(s -> files.letterhead(s.getLa()));
            String channel = la.map(l -> channel(p, l)).orElse("none");
            out.add(produce(e, school, p.getParentId(), p.getName(), p.getRelationship(),
                    LetterModel.addressBlock(p.getAddressLines(), p.getPostcode()), p.getEmail(), pupilName, channel));
        }
        return out;
    }

    /** The parent's preference where it can be met; else whichever way reaches them; else none. */
    static String channel(Contact p, Letterhead la) {
        String post = ChannelKinds.channelFor(la.channels().post(), Medium.POST).orElseThrow();
        String email = ChannelKinds.channelFor(la.channels().email(), Medium.EMAIL).orElse(null);
        boolean canEmail = email != null && ContactRules.usableEmail(p);
        boolean canPost = ContactRules.usableAddress(p);
        if ("email".equals(p.getPreferredChannel()) && canEmail) return email;
        if (canPost) return post;
        if (canEmail) return email;
        return "none";
    }

    private LetterPlan produce(CaseEvent e, Optional<School> school, String parentId, String name, String relationship,
                               List<String> address, String email, String pupilName, String channel) {
        String id = letterId(e.getEventId(), parentId);
        String ref = e.getLetterId();
        if (school.isEmpty()) return failed(id, parentId, name, "school " + e.getUrn() + " is not known to the notifier");
        Optional<Letterhead> la = files.letterhead(school.get().getLa());
        if (la.isEmpty()) {
            return failed(id, parentId, name, "no letterhead for LA '" + school.get().getLa() + "' (looked for "
                    + files.describe("letters/la/" + LetterFiles.slug(school.get().getLa()) + ".yaml") + ")");
        }
        Optional<Mustache> template = files.template(e.getPolicy(), ref);
        if (template.isEmpty()) {
            return failed(id, parentId, name, "no template for letter '" + ref + "' of policy " + e.getPolicy() + " (looked for "
                    + files.describe("letters/" + e.getPolicy() + "/" + LetterFiles.slug(ref) + ".mustache") + ")");
        }
        String pupil = pupilName == null ? "your child" : pupilName;
        Map<String, Object> scope = LetterModel.scope(la.get(), school.get().getName(), pupil, name, relationship, ref,
                e.getLetterTitle(), e.getDate(), e.getFields());
        StringWriter body = new StringWriter();
        template.get().execute(body, scope);
        body.write(LetterModel.evidenceBlock(scope, body.toString()));
        String number = letterNumber(id);
        byte[] pdf = PdfLetterWriter.write(new LetterContent(la.get(), name, address.isEmpty() ? List.of("(address not held)") : address,
                e.getDate(), ref, number, e.getLetterTitle(), pupil, school.get().getName(), body.toString()));
        OutgoingLetter letter = new OutgoingLetter(id, number, ref, e.getLetterTitle(), e.getCaseId(), school.get().getName(),
                la.get().name(), name, address, email, e.getDate(), pdf);
        if (channel.equals("none")) {
            return new LetterPlan(id, parentId, name, "none", letter, LetterStatus.NOT_SENT,
                    "no usable address or email for " + name + " by this LA's channels (post: " + la.get().channels().post()
                            + ", email: " + la.get().channels().email() + ")");
        }
        return new LetterPlan(id, parentId, name, channel, letter, null, null);
    }

    private static LetterPlan failed(String id, String parentId, String name, String why) {
        return new LetterPlan(id, parentId, name, "none", null, LetterStatus.FAILED, why);
    }
}
