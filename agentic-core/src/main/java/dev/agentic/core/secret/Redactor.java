package dev.agentic.core.secret;

import dev.agentic.core.annotation.Stable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks secret values in text. Immutable and thread-safe.
 *
 * <p>Every value is replaced by {@value #MASK}, as are its URL-encoded, JSON-escaped and Base64 forms
 * (a program that prints {@code base64(key)} is still redacted). Longer values are replaced first so a
 * value containing another is masked whole. Values shorter than {@value #MIN_LENGTH} characters are
 * refused at construction: masking them would garble ordinary output and hide nothing.
 */
@Stable
public final class Redactor {
    /** What replaces a secret value. */
    public static final String MASK = "[REDACTED]";
    /** The shortest value a redactor accepts. */
    public static final int MIN_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> needles;

    private Redactor(List<String> needles) {
        this.needles = needles;
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
        Set<String> forms = new LinkedHashSet<>();
        for (String v : secretValues) {
            if (v == null || v.length() < MIN_LENGTH) {
                throw new SecretException("A secret value shorter than " + MIN_LENGTH
                        + " characters cannot be redacted reliably; use a real credential.");
            }
            forms.add(v);
            forms.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            forms.add(jsonEscape(v));
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            forms.add(Base64.getEncoder().encodeToString(bytes));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.removeIf(s -> s.length() < MIN_LENGTH);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    /** A redactor masking the values of both. */
    public Redactor and(Redactor other) {
        if (other.needles.isEmpty()) {
            return this;
        }
        if (needles.isEmpty()) {
            return other;
        }
        Set<String> all = new LinkedHashSet<>(needles);
        all.addAll(other.needles);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    /** Whether this redactor masks nothing. */
    public boolean isEmpty() {
        return needles.isEmpty();
    }

    /** {@code text} with every secret form replaced by {@link #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} contains any secret form. */
    public boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonEscape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '/':
                    sb.append("\\/");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Redactor[" + needles.size() + " forms]";
    }
}
