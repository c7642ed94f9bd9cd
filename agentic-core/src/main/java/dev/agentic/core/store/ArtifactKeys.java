package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.util.regex.Pattern;

/**
 * Rules every {@link ArtifactStore} applies to keys, and the variant naming of {@link ArtifactStore#putNew}.
 * No segment of a valid key starts with '.', so stores may keep their own bookkeeping files under such names.
 */
@Stable
public final class ArtifactKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final int MAX_LENGTH = 1024;

    private ArtifactKeys() {}

    /**
     * Checks that {@code key} is a relative, '/'-separated path of segments made of letters, digits,
     * '.', '_' and '-', starting with a letter or digit (so no {@code ..}, no hidden files).
     *
     * @return the key
     * @throws ConfigurationException naming the key and the rule it broke
     */
    public static String check(String key) {
        if (isValid(key)) {
            return key;
        }
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new ConfigurationException(
                    "Artifact key must be 1-" + MAX_LENGTH + " characters, was '" + key + "'.");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new ConfigurationException(
                        "Artifact key '" + key + "' has an invalid segment '" + segment
                                + "'; use '/'-separated names of letters, digits, '.', '_' and '-' (e.g. generated/stripe/x.py).");
            }
        }
        return key;
    }

    /** Whether {@code key} passes {@link #check}; for stores that filter what they find when listing. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Checks a list prefix: empty, or a key optionally ending with '/'. */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new ConfigurationException("prefix must not be null; use \"\" for all keys");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    /**
     * The {@code n}-th variant of a key, for {@code n >= 2}: {@code a/b_20250101_120000.json} becomes
     * {@code a/b_20250101_120000_2.json}.
     */
    public static String variant(String key, int n) {
        if (n < 2) {
            return key;
        }
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1) {
            return key + "_" + n;
        }
        return key.substring(0, dot) + "_" + n + key.substring(dot);
    }
}
