package io.attendance.api.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attendance.api.ApiError;
import io.attendance.contract.Publisher;
import io.attendance.schemas.PupilContacts;
import io.attendance.core.pupil.ContactRules;
import io.javalin.http.Context;

import java.util.List;

/**
 * PUT /api/v1/pupils/{upn}/contacts {"pupilName", "parents": [...]}: replaces the pupil's parents
 * (the list is the whole truth: a parent left out is no longer written to). Every problem is
 * named by parent and field; nothing is stored unless the whole list is valid, because storing
 * some parents of a family would quietly stop letters to the others.
 */
public final class ContactsController {
    private final Publisher publisher;
    private final ObjectMapper json;
    private final io.attendance.api.pupils.PupilScope scope;

    public ContactsController(Publisher publisher, ObjectMapper json, io.attendance.api.pupils.PupilScope scope) {
        this.publisher = publisher;
        this.json = json;
        this.scope = scope;
    }

    public void put(Context ctx) throws Exception {
        io.attendance.api.auth.Access.require(ctx, io.attendance.api.auth.Access.principal(ctx).mayAdminister(), "change parents' contact details");
        String upn = ctx.pathParam("upn");
        // Letters go where these say: only staff who may see the pupil may change them, as reads are scoped.
        if (scope.relayedElseChecked(ctx, upn)) return;
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new ApiError(400, "body: not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        ContactsJson.Parsed parsed = ContactsJson.parse(upn, body, recordedBy(ctx));
        List<ContactRules.Problem> problems = parsed.problems();
        if (!problems.isEmpty()) {
            ctx.status(400).json(ContactsStored.Refused.of(problems));
            return;
        }
        PupilContacts c = parsed.contacts();
        publisher.publishContacts(c);
        ctx.json(new ContactsStored(upn, c.getParents().size()));
    }

    /**
     * DELETE /api/v1/pupils/{upn}/contacts: every parent of the pupil removed (a tombstone on the
     * compacted topic: the list is gone from the topic once compacted, and from the notifier and the
     * pupil's task at once). A letter due after this has nobody to go to and says so in its evidence.
     */
    public void delete(Context ctx) {
        io.attendance.api.auth.Access.require(ctx, io.attendance.api.auth.Access.principal(ctx).mayAdminister(), "remove parents' contact details");
        String upn = ctx.pathParam("upn");
        io.attendance.core.pupil.Upn.problemWith(upn).ifPresent(p -> {
            throw new ApiError(400, p);
        });
        if (scope.relayedElseChecked(ctx, upn)) return;
        publisher.removeContacts(upn);
        ctx.status(204);
    }

    private static String recordedBy(Context ctx) {
        return io.attendance.api.auth.Access.recordedBy(ctx);
    }
}
