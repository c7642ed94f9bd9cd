/**
 * The Java validator behind {@code Validators.java(policy)}: {@code JavaCodeValidator} parses once with
 * javaparser at the Java 17 language level, {@code SourceModel} walks the tree once (symbol table, nesting,
 * node order) and {@code RuleWalker} applies, in one pass over those nodes, the rules whose ids and built-in
 * deny tables live in {@code JavaRules}. Implementation detail; not part of the public API.
 */
package dev.agentic.validate.internal.java;
