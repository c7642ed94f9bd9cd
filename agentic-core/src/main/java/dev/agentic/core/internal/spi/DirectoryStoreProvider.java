package dev.agentic.core.internal.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.spi.ArtifactStoreProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code DIR}, {@code file:DIR} or {@code file:///ABSOLUTE/DIR}: a {@link FileSystemArtifactStore} in that
 * directory, created when missing. A relative path is taken from the working directory. A spec with any other
 * scheme ({@code s3://…}) is declined; write {@code file:} or {@code ./} before a directory whose name has a
 * colon. Stateless.
 */
public final class DirectoryStoreProvider implements ArtifactStoreProvider {
    private static final String SCHEME = "file";

    @Override
    public String usage() {
        return "DIR | file:DIR  a local directory (created when missing)";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.scheme(spec).map(SCHEME::equalsIgnoreCase).orElse(!spec.isBlank());
    }

    @Override
    public ArtifactStore create(String spec, ProviderContext context) {
        return FileSystemArtifactStore.at(directory(spec));
    }

    /** The directory {@code spec} names. */
    static Path directory(String spec) {
        if (!ProviderSpecs.hasScheme(spec, SCHEME)) {
            return path(spec, spec);
        }
        String argument = ProviderSpecs.argument(spec, SCHEME);
        if (argument.isEmpty()) {
            throw new ConfigurationException("Store '" + spec + "' names no directory; write e.g. file:agentic-runs.");
        }
        if (argument.startsWith("//")) {
            try {
                return Path.of(URI.create(spec));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        "Store '" + spec + "' is not a usable file URI (" + e.getMessage()
                                + "); write file:///absolute/dir or file:relative/dir.",
                        e);
            }
        }
        return path(spec, argument);
    }

    private static Path path(String spec, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(
                    "Store '" + spec + "' is not a valid directory path: " + e.getMessage(), e);
        }
    }
}
