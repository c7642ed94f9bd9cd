/**
 * Where generated code and execution records are kept: the {@link dev.agentic.core.store.ArtifactStore} SPI
 * (atomic create, paged listing, per-object {@link dev.agentic.core.store.ArtifactMetadata}), the
 * {@link dev.agentic.core.store.VariantWriter} every store can share for {@code putNew}, the
 * {@link dev.agentic.core.store.KeyLayout} that names keys from a {@link dev.agentic.core.store.KeyContext},
 * and the local-directory and in-memory stores.
 */
package dev.agentic.core.store;
