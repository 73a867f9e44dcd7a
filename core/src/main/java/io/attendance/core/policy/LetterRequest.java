package io.attendance.core.policy;

/**
 * A letter by the procedure's own id (e.g. "AL 1.2.0", "letter 3") and title, to every parent
 * individually ({@code to: parents}, the default), to the school ({@code to: school}), or to the one
 * parent whose id an action's field holds ({@code to: parent:<field>}, e.g. a penalty notice), or to
 * every parent but those an action's field lists ({@code to: parents-except:<field>}: minutes to each
 * parent not present at the meeting).
 * {@code evidence: <window>} stamps the figures over that window on the letter (policies/letters/README.md);
 * {@code when}, on an action's own letters, asks for it only when the condition holds.
 */
public record LetterRequest(String id, String title, String to, String evidence, Condition when, String cite) {
    public LetterRequest {
        if (evidence != null) Window.parse(evidence); // refused here, with the forms allowed, if not a window
        if (to == null) to = "parents";
        if (!to.equals("parents") && !to.equals("school") && !to.matches("parents?(-except)?:[A-Za-z][A-Za-z0-9]*")
                || to.startsWith("parents:")) {
            throw new IllegalArgumentException("letter to '" + to + "': parents, school, parent:<field holding the parent's id> "
                    + "or parents-except:<field holding the ids of parents who need not get it>");
        }
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a letter needs the procedure's id");
        if (title == null || title.isBlank()) throw new IllegalArgumentException("letter '" + id + "' needs a title");
    }
}
