package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file placed, read-only, in the program's working directory before it starts.
 *
 * @param name relative path inside the working directory ({@code data/in.csv}); no {@code ..}, no absolute path
 * @param content the bytes; the array is copied
 */
@Stable
public record InputFile(String name, byte[] content) {
    public InputFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (name.isBlank()
                || name.startsWith("/")
                || name.contains("\\")
                || name.contains("\0")
                || Arrays.asList(name.split("/")).contains("..")) {
            throw new ConfigurationException("Input file name '" + name
                    + "' must be a relative path without '..' (for example data/input.csv).");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public long size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFile f && name.equals(f.name) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "InputFile[" + name + ", " + content.length + " bytes]";
    }
}
