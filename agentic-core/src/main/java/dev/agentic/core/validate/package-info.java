/**
 * Static checks in front of every run: {@link dev.agentic.core.validate.CodeValidator}, its
 * {@link dev.agentic.core.validate.ValidationPolicy} and the {@link dev.agentic.core.validate.Finding}s it
 * reports. Validators are plug-ins: {@link dev.agentic.core.validate.CodeValidator#forLanguage} finds them
 * through {@link dev.agentic.core.validate.CodeValidatorProvider} and {@link java.util.ServiceLoader}; the
 * Python (tree-sitter) and Java (javaparser) validators live in {@code dev.agentic:agentic-validate}, so core
 * itself holds no parser and no native code. Two policies to start from: {@code ValidationPolicy.standard()}, a
 * lint that catches mistakes and steers repairs, and {@code ValidationPolicy.strict()}, a gate for code that runs
 * without a sandbox that contains it.
 */
package dev.agentic.core.validate;
