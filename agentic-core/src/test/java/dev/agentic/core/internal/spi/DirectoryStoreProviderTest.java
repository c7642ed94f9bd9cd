package dev.agentic.core.internal.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreProviderTest {
    private final DirectoryStoreProvider provider = new DirectoryStoreProvider();

    @TempDir
    Path dir;

    @Test
    void acceptsBarePathsAndFileSpecsAndDeclinesOtherSchemes() {
        assertThat(provider.accepts("agentic-runs")).isTrue();
        assertThat(provider.accepts("/tmp/runs")).isTrue();
        assertThat(provider.accepts("./runs:old")).isTrue();
        assertThat(provider.accepts("file:runs")).isTrue();
        assertThat(provider.accepts("FILE:runs")).isTrue();
        assertThat(provider.accepts("s3://bucket/prefix")).isFalse();
        assertThat(provider.accepts("runs:old"))
                .as("looks like a scheme; write ./runs:old")
                .isFalse();
        assertThat(provider.accepts("")).isFalse();
    }

    @Test
    void barePathAndFilePathNameTheSameRelativeDirectory() {
        assertThat(DirectoryStoreProvider.directory("runs/a")).isEqualTo(Path.of("runs/a"));
        assertThat(DirectoryStoreProvider.directory("file:runs/a")).isEqualTo(Path.of("runs/a"));
        assertThat(DirectoryStoreProvider.directory("./runs:old")).isEqualTo(Path.of("./runs:old"));
        assertThat(DirectoryStoreProvider.directory("file:runs:old")).isEqualTo(Path.of("runs:old"));
    }

    @Test
    void fileUriNamesAnAbsoluteDirectory() {
        assertThat(DirectoryStoreProvider.directory(dir.toUri().toString())).isEqualTo(dir);
        assertThatThrownBy(() -> DirectoryStoreProvider.directory("file://somehost/share"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("file:///absolute/dir");
    }

    @Test
    void fileWithoutADirectoryIsAnError() {
        assertThatThrownBy(() -> DirectoryStoreProvider.directory("file:"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("file:agentic-runs");
    }

    @Test
    void createdStoreWritesUnderTheDirectory() {
        Path root = dir.resolve("records");
        ArtifactStore store = ProviderLookup.artifactStores().create("file:" + root, ProviderContext.defaults());
        store.put("a/b.txt", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(store).isInstanceOf(FileSystemArtifactStore.class);
        assertThat(root.resolve("a/b.txt")).hasContent("x");
        assertThat(Files.isDirectory(root)).isTrue();
    }

    @Test
    void unknownStoreSchemeIsAnErrorListingTheDirectoryForm() {
        assertThatThrownBy(() -> ProviderLookup.artifactStores()
                        .named("--store")
                        .create("s3://bucket/prefix", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown --store provider 's3' in 's3://bucket/prefix'; available:")
                .hasMessageContaining("DIR | file:DIR");
    }
}
