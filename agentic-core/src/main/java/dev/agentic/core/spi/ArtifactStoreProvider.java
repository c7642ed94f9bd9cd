package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.store.ArtifactStore;

/**
 * Creates an {@link ArtifactStore} from a spec: a directory ({@code DIR} or {@code file:DIR}, built into
 * {@code agentic-core}), later {@code s3://BUCKET/PREFIX}. Register implementations in
 * {@code META-INF/services/dev.agentic.core.spi.ArtifactStoreProvider}; find them with
 * {@link ProviderLookup#artifactStores()}. Stateless and thread-safe; whoever creates a store that holds
 * resources closes it.
 *
 * <p>A provider for a scheme must decline specs without one: those are directory paths.
 */
@Experimental
public interface ArtifactStoreProvider extends SpecProvider<ArtifactStore> {}
