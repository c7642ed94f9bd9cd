/**
 * The providers built into {@code agentic-core}: the directory artifact store ({@code DIR},
 * {@code file:DIR}) and environment secrets ({@code env:VARIABLE}), registered in {@code META-INF/services}.
 */
package dev.agentic.core.internal.spi;
