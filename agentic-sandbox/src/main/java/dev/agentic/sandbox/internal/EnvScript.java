package dev.agentic.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The shell script the in-sandbox wrapper evaluates from its stdin, one line at a time: one
 * {@code export NAME='value'} line per variable, single-quoted so no value is ever interpreted; a newline
 * inside a value is written as {@code '"$NL"'}, with {@code NL} defined by a first line only when needed.
 * This is how plain variables and secret values
 * reach the program without appearing on any command line or in any file. Stateless.
 */
public final class EnvScript {
    private EnvScript() {}

    /** The script for {@code variables} (names already validated as {@code [A-Za-z_][A-Za-z0-9_]*}). */
    public static byte[] of(Map<String, String> variables) {
        StringBuilder sb = new StringBuilder();
        if (variables.values().stream().anyMatch(v -> v.indexOf('\n') >= 0)) {
            sb.append("NL=$(printf '\\nx'); NL=${NL%x}\n");
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            sb.append("export ")
                    .append(e.getKey())
                    .append("='")
                    .append(e.getValue().replace("\0", "").replace("'", "'\\''").replace("\n", "'\"$NL\"'"))
                    .append("'\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
