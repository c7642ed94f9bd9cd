/**
 * Secrets: {@link dev.agentic.core.secret.SecretRef} names one (with an optional JSON field and version), a
 * {@link dev.agentic.core.secret.SecretProvider} resolves it, {@link dev.agentic.core.secret.CachingSecretProvider}
 * keeps resolved values for a time to live, and a {@link dev.agentic.core.secret.Redactor} keeps values out of
 * outputs, records, events, logs and exception messages.
 */
package dev.agentic.core.secret;
