package io.attendance.api.query;

import io.attendance.api.auth.Access;
import io.attendance.api.auth.Principal;
import io.javalin.http.Context;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Who is asking, as the services need it: whose scope applies, the credentials another instance
 * needs to answer as if asked directly, and whether this request was itself forwarded (then it is
 * answered from this instance's own state, never forwarded again).
 */
public record Caller(Principal who, Map<String, String> passOn, boolean forwarded, Predicate<String> sees,
                     java.util.function.Supplier<String> recorder) {

    /** Who a recorded action or case is attributed to (the LA's automation may name the officer it records for). */
    public String recordedBy() {
        return recorder.get();
    }

    /** The caller of an API request or a page: the pages' session and the API's keys alike. */
    public static Caller of(Context ctx, Access access) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Access.asCaller(ctx, access));
        String onBehalf = ctx.header("X-Recorded-By");
        if (onBehalf != null) headers.put("X-Recorded-By", onBehalf);
        return new Caller(Access.principal(ctx), headers, InstanceRouter.forwarded(ctx), urn -> access.sees(ctx, urn),
                () -> Access.recordedBy(ctx));
    }
}
