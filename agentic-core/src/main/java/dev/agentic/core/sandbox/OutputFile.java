package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Stable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A regular file the program left in its working directory, collected after the process tree was dead.
 *
 * @param path sanitised relative path inside the working directory
 * @param content the bytes (copied)
 */
@Stable
public record OutputFile(String path, byte[] content) {
    public OutputFile {
        Objects.requireNonNull(path, "path");
        content = Objects.requireNonNull(content, "content").clone();
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
        return o instanceof OutputFile f && path.equals(f.path) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "OutputFile[" + path + ", " + content.length + " bytes]";
    }
}
