/**
 * The {@code scripted:FILE[,FILE…]} chat model provider, registered in {@code META-INF/services} for
 * {@link dev.agentic.core.spi.ProviderLookup}. Not API; may change without notice.
 */
package dev.agentic.fakes.internal;
