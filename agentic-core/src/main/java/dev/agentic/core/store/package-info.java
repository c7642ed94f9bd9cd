/**
 * Where generated code and execution records are kept: the {@link dev.agentic.core.store.ArtifactStore} SPI,
 * its {@link dev.agentic.core.store.KeyLayout}, and the local-directory and in-memory stores.
 */
package dev.agentic.core.store;
