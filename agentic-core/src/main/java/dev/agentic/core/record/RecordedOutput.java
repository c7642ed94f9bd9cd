package dev.agentic.core.record;

import dev.agentic.core.annotation.Experimental;
import java.util.Objects;

/**
 * An output file of a run's last sandbox execution as its record lists it: where the program wrote it and
 * where the artifact store keeps it. Read the bytes with {@code store.get(key)}. Made by
 * {@link ExecutionRecord#read(byte[])}.
 *
 * @param path the file's relative path in the program's working directory
 * @param key the file's key in the artifact store, next to the record
 * @param size its size in bytes
 * @param contentType its content type, by extension ({@code application/octet-stream} when unknown)
 */
@Experimental
public record RecordedOutput(String path, String key, long size, String contentType) {
    public RecordedOutput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
    }
}
