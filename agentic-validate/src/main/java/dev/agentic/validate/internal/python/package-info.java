/**
 * The Python {@link dev.agentic.core.validate.CodeValidator}: tree-sitter parses the program once and the tree
 * is copied in one walk into a small Java tree ({@link dev.agentic.validate.internal.python.PyNode}) with
 * tree-sitter's cursor, or, for a validator that opted into the unsafe tree copy, read straight from
 * tree-sitter's memory where a self-check allows it; a binding pass records imports,
 * aliases and string constants; a check pass applies the rules listed in
 * {@link dev.agentic.validate.internal.python.PyRules}. Internal: reach it through
 * {@link dev.agentic.validate.Validators#python}.
 */
package dev.agentic.validate.internal.python;
