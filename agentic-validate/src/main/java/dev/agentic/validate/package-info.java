/**
 * The SDK's Python (tree-sitter) and Java (javaparser) validators. Most code never names this package: with
 * {@code dev.agentic:agentic-validate} on the classpath, {@link dev.agentic.core.validate.CodeValidator#forLanguage}
 * and the default executor find the validators through {@link dev.agentic.validate.PythonValidatorProvider} and
 * {@link dev.agentic.validate.JavaValidatorProvider}. {@link dev.agentic.validate.Validators} creates one
 * directly. The implementations live in {@code internal} sub-packages and are not API.
 */
package dev.agentic.validate;
