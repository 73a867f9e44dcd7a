package io.attendance.api.ids;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How answers carry ids: a field holding a case id, a letter id, or a link to one (or to a pupil's
 * page) is written with the reference instead ({@link OpaqueIds}, from the mapper's shared attribute),
 * and read back to the id, so an answer forwarded by another instance reaches the services as ids.
 * A mapper without {@link OpaqueIds} writes ids as they are (tests of the records alone).
 */
public final class RefJson {
    private RefJson() {
    }

    /** Swaps the id inside a value for its reference, and back. */
    record Swap(OpaqueIds.Kind kind, Pattern around) {
        String out(OpaqueIds ids, String value) {
            if (ids == null) return value;
            if (around == null) return ids.ref(kind, value);
            Matcher m = around.matcher(value);
            return m.matches() ? m.group(1) + ids.ref(kind, m.group(2)) + m.group(3) : value;
        }

        String in(OpaqueIds ids, String value) {
            if (ids == null) return value;
            if (around == null) return ids.id(kind, value).orElse(value); // an id as it was (an older instance)
            Matcher m = around.matcher(value);
            return m.matches() ? m.group(1) + ids.id(kind, m.group(2)).orElse(m.group(2)) + m.group(3) : value;
        }
    }

    private static final Swap CASE_ID = new Swap(OpaqueIds.Kind.CASE, null);
    private static final Swap LETTER_ID = new Swap(OpaqueIds.Kind.LETTER, null);
    static final Swap CASE_LINK = new Swap(OpaqueIds.Kind.CASE, Pattern.compile("(.*/cases/)([^/?]+)(.*)"));
    static final Swap LETTER_LINK = new Swap(OpaqueIds.Kind.LETTER, Pattern.compile("(.*/letters/)([^/?]+)(\\.pdf)"));
    /** A case event's id: the case's id, ':' and the event's number ("{caseId}:7"). */
    private static final Swap EVENT_ID = new Swap(OpaqueIds.Kind.CASE, Pattern.compile("()([^:]+)(:.*)"));
    private static final Swap PUPIL_LINK = new Swap(OpaqueIds.Kind.PUPIL, Pattern.compile("(.*/pupils/)([^/?]+)(.*)"));

    private abstract static class Out extends StdSerializer<String> {
        private final Swap swap;

        Out(Swap swap) {
            super(String.class);
            this.swap = swap;
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(swap.out((OpaqueIds) provider.getAttribute(OpaqueIds.class), value));
        }
    }

    private abstract static class In extends StdDeserializer<String> {
        private final Swap swap;

        In(Swap swap) {
            super(String.class);
            this.swap = swap;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return swap.in((OpaqueIds) ctxt.getAttribute(OpaqueIds.class), p.getValueAsString());
        }
    }

    public static final class CaseIdOut extends Out {
        public CaseIdOut() {
            super(CASE_ID);
        }
    }

    public static final class CaseIdIn extends In {
        public CaseIdIn() {
            super(CASE_ID);
        }
    }

    public static final class LetterIdOut extends Out {
        public LetterIdOut() {
            super(LETTER_ID);
        }
    }

    public static final class LetterIdIn extends In {
        public LetterIdIn() {
            super(LETTER_ID);
        }
    }

    public static final class CaseLinkOut extends Out {
        public CaseLinkOut() {
            super(CASE_LINK);
        }
    }

    public static final class CaseLinkIn extends In {
        public CaseLinkIn() {
            super(CASE_LINK);
        }
    }

    public static final class LetterLinkOut extends Out {
        public LetterLinkOut() {
            super(LETTER_LINK);
        }
    }

    public static final class LetterLinkIn extends In {
        public LetterLinkIn() {
            super(LETTER_LINK);
        }
    }

    public static final class EventIdOut extends Out {
        public EventIdOut() {
            super(EVENT_ID);
        }
    }

    public static final class EventIdIn extends In {
        public EventIdIn() {
            super(EVENT_ID);
        }
    }

    public static final class PupilLinkOut extends Out {
        public PupilLinkOut() {
            super(PUPIL_LINK);
        }
    }

    public static final class PupilLinkIn extends In {
        public PupilLinkIn() {
            super(PUPIL_LINK);
        }
    }
}
