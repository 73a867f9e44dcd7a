package io.attendance.app.replay;

import io.attendance.api.contacts.ContactsCsv;
import io.attendance.schemas.PupilContacts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A replay's contacts, in the import format (`attendance import contacts`): letters go to these parents. */
final class ReplayContacts {
    private ReplayContacts() {
    }

    static Map<String, PupilContacts> read(Path file, Consumer<ReplayInput.Reject> rejects) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ContactsCsv.Result r = ContactsCsv.read(in, "replay");
            String name = file.getFileName().toString();
            r.errors().forEach(e -> rejects.accept(new ReplayInput.Reject(name, e.line(), e.field(), e.error())));
            Map<String, PupilContacts> out = new TreeMap<>();
            for (PupilContacts c : r.accepted()) out.put(c.getUpn(), c);
            return out;
        } catch (IOException e) {
            throw new ReplayException(file + ": cannot read: " + e.getMessage());
        }
    }
}
