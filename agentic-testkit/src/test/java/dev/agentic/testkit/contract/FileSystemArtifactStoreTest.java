package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.ContentTypes;
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysMapToFilesUnderTheRootWithHiddenMetadataFilesAndNoTemporaryFilesRemain() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("layout"));
        store.put("generated/stripe/a.py", utf8("x"));
        store.putNew("generated/stripe/a.py", utf8("y"));
        store.putIfAbsent("generated/stripe/a.py", utf8("z"));

        assertThat(dir.resolve("layout/generated/stripe/a.py")).hasContent("x");
        assertThat(dir.resolve("layout/generated/stripe/a_2.py")).hasContent("y");
        try (Stream<Path> all = Files.walk(dir.resolve("layout"))) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.py", "a_2.py", ".meta-a.py", ".meta-a_2.py");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesTheFirstStoresArtifacts() {
        FileSystemArtifactStore.at(dir.resolve("shared"))
                .put("a/b.json", "{}".getBytes(StandardCharsets.UTF_8), ArtifactMetadata.of(ContentTypes.JSON));

        FileSystemArtifactStore second = FileSystemArtifactStore.at(dir.resolve("shared"));
        assertThat(second.list("a/")).containsExactly("a/b.json");
        assertThat(second.read("a/b.json").orElseThrow().metadata().contentType())
                .isEqualTo(ContentTypes.JSON);
    }

    @Test
    void filesThatAreNotValidKeysAreNeverListed() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("stray"));
        store.put("a/ok.json", utf8("{}"));
        Files.writeString(dir.resolve("stray/a/with space.json"), "x");
        Files.writeString(dir.resolve("stray/a/.hidden"), "x");
        Files.writeString(dir.resolve("stray/a/.tmp-123.part"), "x");
        Files.createDirectories(dir.resolve("stray/.git"));
        Files.writeString(dir.resolve("stray/.git/config"), "x");

        assertThat(store.list("")).containsExactly("a/ok.json");
        assertThat(store.list("a/")).containsExactly("a/ok.json");
    }

    @Test
    void aFileWrittenByOtherMeansReadsWithDefaultMetadata() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("manual"));
        Files.createDirectories(dir.resolve("manual/a"));
        Files.writeString(dir.resolve("manual/a/hand.py"), "print(1)");

        assertThat(store.read("a/hand.py").orElseThrow().metadata()).isEqualTo(ArtifactMetadata.empty());
        assertThat(store.list("")).containsExactly("a/hand.py");
    }

    @Test
    void metadataOfAnEarlierWriteIsNotPairedWithContentReplacedByOtherMeans() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("edited"));
        store.put("a/r.py", utf8("print(1)"), ArtifactMetadata.of(ContentTypes.PYTHON));
        Files.writeString(store.pathOf("a/r.py"), "edited by hand");

        assertThat(store.read("a/r.py").orElseThrow().metadata()).isEqualTo(ArtifactMetadata.empty());
    }

    @Test
    void deleteRemovesTheMetadataFile() throws Exception {
        FileSystemArtifactStore store = FileSystemArtifactStore.at(dir.resolve("del"));
        store.put("a/r.py", utf8("x"), ArtifactMetadata.of(ContentTypes.PYTHON));

        store.delete("a/r.py");

        try (Stream<Path> all = Files.list(dir.resolve("del/a"))) {
            assertThat(all).isEmpty();
        }
    }
}
