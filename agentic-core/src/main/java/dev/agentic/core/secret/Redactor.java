package dev.agentic.core.secret;

import dev.agentic.core.annotation.Stable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks secret values in text. Immutable and thread-safe.
 *
 * <p>Each value is replaced by {@value #MASK} wherever it appears:
 *
 * <ul>
 *   <li>as is, and trimmed of surrounding white space (a program that {@code strip()}s the value);
 *   <li>percent-encoded in any way: upper- or lower-case hex, reserved characters kept or escaped,
 *       {@code +} or {@code %20} for a space (as {@code URLEncoder}, {@code urllib.parse.quote},
 *       {@code quote_plus} and {@code encodeURIComponent} produce);
 *   <li>inside a string literal escaped as JSON, JavaScript or Python do it: {@code \"}, {@code \\}, {@code \/}
 *       or a plain {@code /}, {@code \n}, {@code \\uXXXX} (also for non-ASCII), and Python's {@code repr} and
 *       {@code ascii} forms {@code \xXX}, {@code \UXXXXXXXX}, {@code \'};
 *   <li>with Unicode format characters (zero-width space, word joiner, soft hyphen, byte-order mark…) between
 *       its characters, in any of the forms above;
 *   <li>in Base64, standard or URL-safe, with or without padding, starting at any byte of the encoded data
 *       (so {@code Authorization: Basic base64(user:secret)} is masked): the characters that depend on the
 *       value alone are masked, a few bits at either end may remain;
 *   <li>with {@link #redactTruncated}, a value cut at the end of the text (at any byte, including inside a
 *       multi-byte character that decoded as {@code U+FFFD}).
 * </ul>
 *
 * <p>Not masked: a value a program transforms on purpose (reversed, split, XORed, re-encoded twice,
 * compressed, encrypted, spelled out character by character on separate lines, Base64 broken into lines):
 * redaction keeps honest output clean, it cannot stop a program that wants to leak what it was given.
 *
 * <p>All forms of all values are found in one pass per decoded view of the text (a multi-pattern automaton),
 * so the cost grows with the text, not with the number of forms. Values shorter than {@value #MIN_LENGTH}
 * characters are refused at construction: masking them would garble ordinary output and hide nothing.
 */
@Stable
public final class Redactor {
    /** What replaces a secret value. */
    public static final String MASK = "[REDACTED]";
    /** The shortest value a redactor accepts. */
    public static final int MIN_LENGTH = 4;
    /** The shortest beginning of a form at the end of a cut text that {@link #redactTruncated} masks. */
    private static final int MIN_CUT = 2;

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> values;
    private final boolean plusIsSpace;
    private final Automaton forms;
    private final Automaton percentForms;
    private final int formCount;

    private Redactor(List<String> values) {
        this.values = values;
        this.plusIsSpace = values.stream().anyMatch(v -> v.indexOf(' ') >= 0);
        Set<String> all = new LinkedHashSet<>(SecretForms.plain(values, false));
        all.addAll(SecretForms.base64(values));
        Set<String> percent = SecretForms.plain(values, plusIsSpace);
        this.forms = new Automaton(all);
        this.percentForms = new Automaton(percent);
        this.formCount = all.size() + percent.size();
    }

    /** A redactor that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /**
     * A redactor for these secret values.
     *
     * @throws SecretException when a value is shorter than {@link #MIN_LENGTH}
     */
    public static Redactor of(Collection<String> secretValues) {
        if (secretValues.isEmpty()) {
            return NONE;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : secretValues) {
            if (v == null || v.length() < MIN_LENGTH || v.strip().length() < MIN_LENGTH) {
                throw new SecretException("A secret value shorter than " + MIN_LENGTH
                        + " characters cannot be redacted reliably; use a real credential.");
            }
            distinct.add(v);
        }
        return new Redactor(List.copyOf(distinct));
    }

    /** A redactor masking the values of both. */
    public Redactor and(Redactor other) {
        if (other.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return other;
        }
        Set<String> all = new LinkedHashSet<>(values);
        all.addAll(other.values);
        return new Redactor(List.copyOf(all));
    }

    /** Whether this redactor masks nothing. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every secret form replaced by {@link #MASK}; null stays null. */
    public String redact(String text) {
        return mask(text, false);
    }

    /**
     * Like {@link #redact}, for a text cut by a size cap: also masks the beginning of a secret form left at its
     * very end (two characters or more, and a trailing {@code U+FFFD} of a character cut inside its bytes).
     */
    public String redactTruncated(String text) {
        return mask(text, true);
    }

    /** Whether {@code text} contains any secret form. */
    public boolean containsSecret(String text) {
        return text != null && !values.isEmpty() && ranges(text, false).length > 0;
    }

    private String mask(String text, boolean cut) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        int[] r = ranges(text, cut);
        if (r.length == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < r.length; i += 2) {
            out.append(text, at, r[i]).append(MASK);
            at = r[i + 1];
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Sorted, merged {@code [start, end)} pairs of {@code text} to mask. */
    private int[] ranges(String text, boolean cut) {
        String body = text;
        if (cut) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
                end--;
            }
            body = text.substring(0, end);
        }
        // a character cut inside its bytes counts as one more character of the beginning left at the end
        int minTail = body.length() < text.length() ? MIN_CUT - 1 : MIN_CUT;
        Ranges found = new Ranges();
        boolean hasFormat = TextView.hasFormatCharacter(body);
        if (!hasFormat) {
            int tail = forms.scan(body, (end, len) -> found.add(end - len, end));
            if (cut && tail >= minTail && tail > 0) {
                found.add(body.length() - tail, text.length());
            }
        }
        for (TextView.Kind kind : TextView.Kind.values()) {
            if (!TextView.applies(kind, body, hasFormat)) {
                continue;
            }
            TextView view = TextView.of(kind, body, plusIsSpace);
            Automaton a = kind == TextView.Kind.PERCENT ? percentForms : forms;
            int tail = a.scan(view.chars(), (end, len) -> found.add(view.from(end - len), view.to(end - 1)));
            if (cut && tail >= minTail && tail > 0) {
                found.add(view.from(view.length() - tail), text.length());
            }
        }
        return found.merged();
    }

    @Override
    public String toString() {
        return "Redactor[" + values.size() + " values, " + formCount + " forms]";
    }

    /** A growable list of ranges. */
    private static final class Ranges {
        private int[] pairs = new int[8];
        private int size;

        void add(int start, int end) {
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = start;
            pairs[size++] = end;
        }

        int[] merged() {
            if (size == 0) {
                return new int[0];
            }
            long[] packed = new long[size / 2];
            for (int i = 0; i < size; i += 2) {
                packed[i / 2] = ((long) pairs[i] << 32) | pairs[i + 1];
            }
            Arrays.sort(packed);
            List<Integer> out = new ArrayList<>();
            int start = (int) (packed[0] >>> 32);
            int end = (int) packed[0];
            for (int i = 1; i < packed.length; i++) {
                int s = (int) (packed[i] >>> 32);
                int e = (int) packed[i];
                if (s < end) {
                    end = Math.max(end, e);
                } else {
                    out.add(start);
                    out.add(end);
                    start = s;
                    end = e;
                }
            }
            out.add(start);
            out.add(end);
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
