package io.attendance.api.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;
import io.attendance.core.pupil.ContactRules;

import java.util.ArrayList;
import java.util.List;

/** A pupil's contacts as JSON (the API) into the record, with every shape problem named. */
public final class ContactsJson {
    private ContactsJson() {
    }

    public record Parsed(PupilContacts contacts, List<ContactRules.Problem> problems) {
    }

    public static Parsed parse(String upn, JsonNode body, String recordedBy) {
        List<ContactRules.Problem> problems = new ArrayList<>();
        List<Contact> parents = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("parents");
        if (list != null && !list.isArray()) problems.add(new ContactRules.Problem(-1, "parents", "must be a list"));
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.get(i);
                List<String> lines = new ArrayList<>();
                JsonNode a = p.get("addressLines");
                if (a != null && a.isArray()) a.forEach(l -> lines.add(l.asText()));
                else if (a != null) problems.add(new ContactRules.Problem(i + 1, "addressLines", "must be a list of lines"));
                if (!p.isObject()) {
                    problems.add(new ContactRules.Problem(i + 1, "", "must be an object with parentId, name, relationship..."));
                    continue;
                }
                // Required text left out is "" here, so ContactRules names it as missing (Avro refuses null there).
                parents.add(Contact.newBuilder().setParentId(orEmpty(text(p, "parentId"))).setName(orEmpty(text(p, "name")))
                        .setRelationship(orEmpty(text(p, "relationship"))).setAddressLines(lines).setPostcode(text(p, "postcode"))
                        .setEmail(text(p, "email")).setLivesWithPupil(p.path("livesWithPupil").asBoolean(true))
                        .setParentalResponsibility(p.path("parentalResponsibility").asBoolean(true))
                        .setPreferredChannel(p.path("preferredChannel").asText("post")).build());
            }
        }
        PupilContacts c = PupilContacts.newBuilder().setUpn(upn).setPupilName(body == null ? null : text(body, "pupilName") == null ? "" : text(body, "pupilName"))
                .setParents(parents).setUpdatedBy(recordedBy).build();
        problems.addAll(ContactRules.problems(c));
        return new Parsed(c, problems);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
