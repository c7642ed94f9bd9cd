/**
 * The Java validator behind {@code CodeValidator.java(policy)}: parses with javaparser (Java 17 language level)
 * and walks the tree once with the rules in {@link dev.agentic.core.validate.internal.java.JavaRules}.
 * Implementation detail; not part of the public API.
 */
package dev.agentic.core.validate.internal.java;
