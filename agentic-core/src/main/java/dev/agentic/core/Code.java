package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A program: its language and its source text. Immutable.
 *
 * @param language the language the source is written in
 * @param source the program text, never null (may be empty)
 */
@Stable
public record Code(Language language, String source) {
    public Code {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(source, "source");
    }

    public static Code python(String source) {
        return new Code(Language.PYTHON, source);
    }

    public static Code java(String source) {
        return new Code(Language.JAVA, source);
    }

    /** Number of lines, counting a last line without a newline. */
    public int lineCount() {
        if (source.isEmpty()) {
            return 0;
        }
        int lines = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n' && i < source.length() - 1) {
                lines++;
            }
        }
        return lines;
    }

    /** Source size in UTF-8 bytes. */
    public int sizeInBytes() {
        return source.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return "Code[" + language.id() + ", " + lineCount() + " lines]";
    }
}
