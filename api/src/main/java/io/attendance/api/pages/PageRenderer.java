package io.attendance.api.pages;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Server-rendered pages: a Mustache template per page (HTML-escaped), inside the shared layout. */
final class PageRenderer {
    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("pages");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    String render(String template, Map<String, Object> model) {
        StringWriter body = new StringWriter();
        mustache(template).execute(body, model);
        Map<String, Object> page = new HashMap<>(model);
        page.put("body", body.toString());
        StringWriter out = new StringWriter();
        mustache("layout").execute(out, page);
        return out.toString();
    }

    private Mustache mustache(String name) {
        return compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
    }
}
