package dev.agentic.core.store;

import dev.agentic.core.annotation.Experimental;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The content types the workflow stores, and the type a file extension implies. */
@Experimental
public final class ContentTypes {
    /** Python source. */
    public static final String PYTHON = "text/x-python";
    /** Java source. */
    public static final String JAVA = "text/x-java";
    /** JavaScript source (RFC 9239). */
    public static final String JAVASCRIPT = "text/javascript";
    /** TypeScript source. */
    public static final String TYPESCRIPT = "text/x-typescript";
    /** JSON, as in execution records. */
    public static final String JSON = "application/json";
    /** Plain text. */
    public static final String TEXT = "text/plain";
    /** Comma-separated values (RFC 4180). */
    public static final String CSV = "text/csv";
    /** Bytes of unknown kind; the default when a writer names no type. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private ContentTypes() {}

    /**
     * The content type of a file extension given without the dot ({@code py}, {@code java}, {@code js},
     * {@code ts}, {@code json}, {@code txt}, {@code csv}), case-insensitive; empty for any other.
     */
    public static Optional<String> forExtension(String extension) {
        switch (extension.toLowerCase(Locale.ROOT)) {
            case "py":
                return Optional.of(PYTHON);
            case "java":
                return Optional.of(JAVA);
            case "js":
                return Optional.of(JAVASCRIPT);
            case "ts":
                return Optional.of(TYPESCRIPT);
            case "json":
                return Optional.of(JSON);
            case "txt":
                return Optional.of(TEXT);
            case "csv":
                return Optional.of(CSV);
            default:
                return Optional.empty();
        }
    }

    /** The content type of a file's path by its extension ({@link #forExtension}); empty without one. */
    public static Optional<String> forPath(String path) {
        Objects.requireNonNull(path, "path");
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? Optional.empty() : forExtension(name.substring(dot + 1));
    }
}
