package dev.agentic.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactValuesTest {

    @Test
    void metadataKeepsS3CompatibleUserMetadataSortedAndEqualByValue() {
        ArtifactMetadata m = ArtifactMetadata.builder()
                .contentType("application/json; charset=utf-8")
                .userMetadata("status", "succeeded")
                .userMetadata("model-id", "us.amazon.nova-premier-v1:0")
                .build();

        assertThat(m.userMetadata().keySet()).containsExactly("model-id", "status");
        assertThat(m.toBuilder().build()).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(ArtifactMetadata.empty().contentType()).isEqualTo(ContentTypes.OCTET_STREAM);
        assertThatThrownBy(() -> m.userMetadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataRefusesKeysValuesAndSizesS3CouldNotKeepNamingTheField() {
        assertThatThrownBy(() ->
                        ArtifactMetadata.builder().userMetadata("Status", "ok").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("userMetadata key 'Status'");
        assertThatThrownBy(() -> ArtifactMetadata.builder()
                        .userMetadata("under_score", "ok")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lowercase");
        assertThatThrownBy(() ->
                        ArtifactMetadata.builder().userMetadata("name", "Zoë").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> ArtifactMetadata.builder()
                        .userMetadata("name", " padded")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("leading or trailing");
        assertThatThrownBy(() -> ArtifactMetadata.builder()
                        .userMetadata("big", "x".repeat(2_046))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> ArtifactMetadata.of("python"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contentType");
        assertThat(ArtifactMetadata.builder()
                        .userMetadata("big", "x".repeat(2_045))
                        .build()
                        .userMetadata())
                .containsKey("big");
    }

    @Test
    void listRequestDefaultsToAllKeysInPagesOfAThousandAndRefusesOtherPageSizes() {
        ListRequest all = ListRequest.builder().build();

        assertThat(all.prefix()).isEmpty();
        assertThat(all.pageSize()).isEqualTo(1_000);
        assertThat(all.continuationToken()).isEmpty();
        assertThat(all.toBuilder().continuationToken("t").build().continuationToken())
                .contains("t");
        for (int bad : List.of(0, -1, 1_001)) {
            assertThatThrownBy(() -> ListRequest.builder().pageSize(bad).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ListRequest.pageSize");
        }
        assertThatThrownBy(() -> ListRequest.of("../x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key");
    }

    @Test
    void aPageMustBeSortedAndAnArtifactNeverShowsItsContent() {
        assertThatThrownBy(() -> ArtifactPage.builder().keys(List.of("b", "a")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sorted");
        Artifact a = Artifact.builder()
                .key("a/b.txt")
                .content("secret-ish content".getBytes())
                .lastModified(Instant.EPOCH)
                .build();

        assertThat(a.toString()).doesNotContain("secret-ish").contains("18 bytes");
        assertThatThrownBy(
                        () -> Artifact.builder().key("a").content(new byte[0]).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Artifact.lastModified");
    }

    @Test
    void theInterfacesDefaultsBuildPutNewOnPutIfAbsentAndWalkEveryPage() {
        ArtifactStore store = new TwoPerPageStore(false);

        List<String> keys = List.of(
                store.putNew("r/a.json", new byte[] {1}),
                store.putNew("r/a.json", new byte[] {2}),
                store.putNew("r/a.json", new byte[] {3}),
                store.putNew("r/b.json", new byte[] {4}));

        assertThat(keys).containsExactly("r/a.json", "r/a_2.json", "r/a_3.json", "r/b.json");
        assertThat(store.list(ListRequest.of("r/")).keys()).hasSize(2);
        assertThat(store.list("r/")).containsExactly("r/a.json", "r/a_2.json", "r/a_3.json", "r/b.json");
        assertThat(store.get("r/a_2.json"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(2));
    }

    @Test
    void listingAllPagesStopsWithAClearErrorWhenAStoreRepeatsItsToken() {
        ArtifactStore store = new TwoPerPageStore(true);
        for (String k : List.of("a", "b", "c")) {
            store.put(k, new byte[0]);
        }

        assertThatThrownBy(() -> store.list(""))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("continuation token");
    }

    /** A store implementing only the five abstract operations, with pages of two keys at most. */
    private static final class TwoPerPageStore implements ArtifactStore {
        private final InMemoryArtifactStore inner = new InMemoryArtifactStore();
        private final boolean repeatToken;

        TwoPerPageStore(boolean repeatToken) {
            this.repeatToken = repeatToken;
        }

        @Override
        public void put(String key, byte[] content, ArtifactMetadata metadata) {
            inner.put(key, content, metadata);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata) {
            return inner.putIfAbsent(key, content, metadata);
        }

        @Override
        public Optional<Artifact> read(String key) {
            return inner.read(key);
        }

        @Override
        public ArtifactPage list(ListRequest request) {
            ArtifactPage page = inner.list(request.toBuilder()
                    .pageSize(Math.min(2, request.pageSize()))
                    .build());
            if (repeatToken && request.continuationToken().isPresent()) {
                return page.toBuilder()
                        .nextToken(request.continuationToken().get())
                        .build();
            }
            return page;
        }

        @Override
        public boolean delete(String key) {
            return inner.delete(key);
        }
    }
}
