package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ArtifactStore newStore() {
        return FileSystemArtifactStore.at(dir.resolve("runs"));
    }

    @Test
    void keysMapToFilesUnderTheRootAndNoTemporaryFilesRemain() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("layout"));
        store.put("generated/stripe/a.py", "x".getBytes(StandardCharsets.UTF_8));
        store.putNew("generated/stripe/a.py", "y".getBytes(StandardCharsets.UTF_8));

        assertThat(dir.resolve("layout/generated/stripe/a.py")).hasContent("x");
        assertThat(dir.resolve("layout/generated/stripe/a_2.py")).hasContent("y");
        try (Stream<Path> all = Files.walk(dir.resolve("layout"))) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.py", "a_2.py");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesTheFirstStoresArtifacts() {
        FileSystemArtifactStore.at(dir.resolve("shared")).put("a/b.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(FileSystemArtifactStore.at(dir.resolve("shared")).list("a/")).containsExactly("a/b.json");
    }
}
