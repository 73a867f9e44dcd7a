package io.attendance.streams.policy;

/**
 * A letter by the procedure's own id (e.g. "AL 1.2.0", "letter 3") and title, to every parent
 * individually ({@code to: parents}, the default) or to the school ({@code to: school}).
 */
public record LetterRequest(String id, String title, String to, String cite) {
    public LetterRequest {
        if (to == null) to = "parents";
        if (!to.equals("parents") && !to.equals("school")) throw new IllegalArgumentException("letter to '" + to + "': parents or school");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a letter needs the procedure's id");
        if (title == null || title.isBlank()) throw new IllegalArgumentException("letter '" + id + "' needs a title");
    }
}
