/**
 * Implementation of {@link dev.agentic.core.ModelGenerator}: prompt assembly ({@code Prompts}) and code
 * extraction from model answers ({@code CodeExtractor}). Not API: may change in any release.
 */
package dev.agentic.core.internal.generate;
