package dev.agentic.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The strings a secret value can appear as once the text is decoded ({@link TextView}): the value and its
 * trimmed form, and its Base64 at every alignment. Stateless.
 */
final class SecretForms {
    private SecretForms() {}

    /** The value and its trimmed form, folded as the views fold text. */
    static Set<String> plain(Collection<String> values, boolean plusIsSpace) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            add(out, TextView.fold(v, plusIsSpace));
            add(out, TextView.fold(v.strip(), plusIsSpace));
        }
        return out;
    }

    /**
     * Base64 (standard and URL-safe) of the value and of its trimmed form, starting at each of the three byte
     * positions of a 3-byte group: the characters that depend on the value's bytes alone, and the full tail
     * when the value ends the encoded data (with and without padding).
     */
    static Set<String> base64(Collection<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String form : new String[] {v, v.strip()}) {
                byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
                for (int k = 0; k < 3; k++) {
                    byte[] shifted = new byte[k + bytes.length];
                    System.arraycopy(bytes, 0, shifted, k, bytes.length);
                    String padded = Base64.getEncoder().encodeToString(shifted);
                    String bare = Base64.getEncoder().withoutPadding().encodeToString(shifted);
                    int first = (8 * k + 5) / 6;
                    int last = 8 * (k + bytes.length) / 6;
                    for (String s : Arrays.asList(
                            bare.substring(first, last), padded.substring(first), bare.substring(first))) {
                        add(out, s);
                        add(out, s.replace('+', '-').replace('/', '_'));
                    }
                }
            }
        }
        return out;
    }

    private static void add(Set<String> out, String form) {
        if (form.length() >= Redactor.MIN_LENGTH) {
            out.add(form);
        }
    }
}
