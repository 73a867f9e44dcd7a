package io.attendance.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.attendance.api.ActionRefused;
import io.attendance.api.ApiError;
import io.attendance.contract.query.NotReadyException;

import java.util.ArrayList;
import java.util.List;

/** Another instance's refusal, raised here as the same refusal, so the caller's answer is the owner's. */
final class RemoteRefusal {
    private RemoteRefusal() {
    }

    static RuntimeException of(int status, JsonNode body) {
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
        if (status == 503) return new NotReadyException(error);
        if (body != null && body.has("allowedActions")) {
            List<String> allowed = new ArrayList<>();
            body.get("allowedActions").forEach(a -> allowed.add(a.asText()));
            return new ActionRefused(status, body.hasNonNull("field") ? body.get("field").asText() : null, error, allowed);
        }
        return new ApiError(status, error);
    }
}
