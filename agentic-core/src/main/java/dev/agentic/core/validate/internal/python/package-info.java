/**
 * The Python {@link dev.agentic.core.validate.CodeValidator}: tree-sitter parses the program once into a
 * small Java tree ({@link dev.agentic.core.validate.internal.python.PyNode}); a binding pass records imports,
 * aliases and string constants; a check pass applies the rules listed in
 * {@link dev.agentic.core.validate.internal.python.PyRules}. Internal: reach it through
 * {@link dev.agentic.core.validate.CodeValidator#python}.
 */
package dev.agentic.core.validate.internal.python;
