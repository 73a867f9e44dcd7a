package io.attendance.api.pages;

import io.attendance.api.auth.Access;
import io.attendance.api.auth.Principal;
import io.javalin.http.Context;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every page's layout needs: who is signed in, the navigation, the form token, the live source. */
final class PageModel {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private PageModel() {
    }

    static Map<String, Object> of(Context ctx, Access access, String title, String nav, String liveUrl) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        Principal p = Access.principal(ctx);
        m.put("who", p.name());
        m.put("whoRole", p.describe());
        m.put("csrf", access.csrf(ctx));
        m.put("live", liveUrl);
        m.put("updated", ZonedDateTime.now(LONDON).format(HMS));
        m.put("nav", List.of(
                navItem("Overview", "/", "overview".equals(nav)),
                navItem("Work queue", "/tasks", "tasks".equals(nav))));
        return m;
    }

    private static Map<String, Object> navItem(String text, String href, boolean current) {
        return Map.of("text", text, "href", href, "current", current);
    }

    static String pct(java.math.BigDecimal n) {
        return n == null ? "–" : n.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Siblings named on a case: with figures only where the viewer may see them. */
    static List<Map<String, Object>> siblings(List<io.attendance.api.cases.CaseDetail.Sibling> named, io.attendance.api.ids.Links links) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (io.attendance.api.cases.CaseDetail.Sibling s : named) {
            out.add(Map.of("upn", s.upn(), "page", links.pupilPage(s.upn()), "seen", s.attendance() != null,
                    "attendance", s.attendance() == null ? "not in your scope or no marks yet" : pct(s.attendance().yearToDate().attendancePct())));
        }
        return out;
    }

    static String label(String id) {
        if (id == null || id.isEmpty()) return "";
        String s = id.replace('-', ' ').replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
