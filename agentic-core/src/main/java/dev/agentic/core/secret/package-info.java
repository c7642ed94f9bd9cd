/**
 * Secrets: {@link dev.agentic.core.secret.SecretRef} names one, a
 * {@link dev.agentic.core.secret.SecretProvider} resolves it, and a
 * {@link dev.agentic.core.secret.Redactor} keeps its value out of outputs, records, events, logs and
 * exception messages.
 */
package dev.agentic.core.secret;
