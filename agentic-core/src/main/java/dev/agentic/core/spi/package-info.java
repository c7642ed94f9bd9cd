/**
 * Plug-in points configured by a short text spec, the way the {@code agentic} command's options are written:
 * {@code --model scripted:FILE}, {@code --sandbox local}, {@code --store DIR}, {@code --secret NAME=env:VAR}.
 *
 * <p>Each kind has a provider interface ({@link dev.agentic.core.spi.ChatModelProvider},
 * {@link dev.agentic.core.spi.SandboxProvider}, {@link dev.agentic.core.spi.ArtifactStoreProvider},
 * {@link dev.agentic.core.spi.SecretProviderFactory}). A module registers its providers in
 * {@code META-INF/services}; {@link dev.agentic.core.spi.ProviderLookup} finds them with
 * {@link java.util.ServiceLoader}, offers each the spec, and fails with one message listing every usage when
 * none accepts it. Adding a module to the classpath adds its schemes without any change to the caller.
 */
package dev.agentic.core.spi;
