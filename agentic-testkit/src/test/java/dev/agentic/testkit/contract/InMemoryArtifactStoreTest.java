package dev.agentic.testkit.contract;

import dev.agentic.core.store.ArtifactStore;

class InMemoryArtifactStoreTest extends ArtifactStoreContract {
    @Override
    protected ArtifactStore newStore() {
        return ArtifactStore.inMemory();
    }
}
