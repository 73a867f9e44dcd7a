package io.attendance.app.demo;

import io.attendance.schemas.Contact;
import io.attendance.schemas.PupilContacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Made-up parents for the demo LA's pupils, the same every run (seeded by the UPN). Most families
 * have two parents at one address; some a parent living elsewhere, out of county; some one parent;
 * a few have no contact details held at all, so the demo shows the tasks that raises.
 */
public final class DemoContacts {
    private static final String[] FIRST = {"Sam", "Ava", "Leo", "Mia", "Noah", "Isla", "Alfie", "Freya", "Oscar", "Lily", "Arlo", "Ruby", "Theo", "Poppy", "Finley", "Zofia"};
    private static final String[] ADULT = {"Claire", "Dan", "Mark", "Sarah", "Priya", "Tom", "Aisha", "Gareth", "Joanne", "Wiktor", "Emma", "Lee"};
    private static final String[] SURNAME = {"Taylor", "Hughes", "Patel", "Jones", "Brown", "Wójcik", "Khan", "Smith", "Evans", "Okafor", "Murphy", "Clarke"};
    private static final String[] STREET = {"Mill Lane", "Church Street", "Station Road", "Elm Grove", "Quay Street", "Victoria Road"};
    private static final String[] HOME = {"NR1 2AB", "NR2 4TT", "NR3 1QQ", "NR5 9JD", "NR7 0HA", "NR14 6EF"};
    private static final String[][] AWAY = {{"Bristol", "BS1 4DJ"}, {"Leeds", "LS6 2AB"}, {"Cardiff", "CF10 1EP"}, {"Ipswich", "IP1 3QH"}};

    private DemoContacts() {
    }

    public static List<PupilContacts> of(List<String> upns) {
        List<PupilContacts> out = new ArrayList<>();
        for (String upn : upns) {
            Random r = new Random(seed(upn));
            int shape = r.nextInt(100);
            if (shape < 2) continue; // no contact details held: the notifier raises a task instead of a letter
            String surname = SURNAME[r.nextInt(SURNAME.length)];
            List<String> home = List.of((1 + r.nextInt(80)) + " " + STREET[r.nextInt(STREET.length)], "Northtown");
            String homePostcode = HOME[r.nextInt(HOME.length)];
            List<Contact> parents = new ArrayList<>();
            String mother = ADULT[r.nextInt(ADULT.length)] + " " + surname;
            boolean email = r.nextInt(100) < 60;
            parents.add(contact("p1", mother, "mother", home, homePostcode,
                    email ? mother.toLowerCase().replace(' ', '.') + "@example.com" : null, true, email && r.nextBoolean() ? "email" : "post"));
            if (shape < 17) {
                // one parent
            } else if (shape < 32) {
                String[] away = AWAY[r.nextInt(AWAY.length)];
                parents.add(contact("p2", ADULT[r.nextInt(ADULT.length)] + " " + surname, "father",
                        List.of((1 + r.nextInt(60)) + " " + STREET[r.nextInt(STREET.length)], away[0]), away[1], null, false, "post"));
            } else {
                parents.add(contact("p2", ADULT[r.nextInt(ADULT.length)] + " " + SURNAME[r.nextInt(SURNAME.length)],
                        r.nextBoolean() ? "father" : "step-parent", home, homePostcode, null, true, "post"));
            }
            out.add(PupilContacts.newBuilder().setUpn(upn).setPupilName(FIRST[r.nextInt(FIRST.length)] + " " + surname)
                    .setParents(parents).setUpdatedBy("demo").build());
        }
        return out;
    }

    private static Contact contact(String id, String name, String relationship, List<String> lines, String postcode, String email,
                                   boolean livesWith, String preferred) {
        return Contact.newBuilder().setParentId(id).setName(name).setRelationship(relationship).setAddressLines(lines)
                .setPostcode(postcode).setEmail(email).setLivesWithPupil(livesWith).setParentalResponsibility(true)
                .setPreferredChannel(preferred).build();
    }

    private static long seed(String upn) {
        CRC32 c = new CRC32();
        c.update(upn.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }
}
