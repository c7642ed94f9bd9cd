/**
 * Static checks in front of every run: {@link dev.agentic.core.validate.CodeValidator}, its
 * {@link dev.agentic.core.validate.ValidationPolicy} and the {@link dev.agentic.core.validate.Finding}s it
 * reports. The Python (tree-sitter) and Java (javaparser) validators are reached through
 * {@link dev.agentic.core.validate.CodeValidator#forLanguage}.
 */
package dev.agentic.core.validate;
