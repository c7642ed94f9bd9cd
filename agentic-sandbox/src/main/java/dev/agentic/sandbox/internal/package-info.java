/**
 * Implementation of {@link dev.agentic.sandbox.LocalSandbox}: the bwrap command line, the seccomp filter
 * generator, process supervision, output capture and collection. Not API; may change without notice.
 */
package dev.agentic.sandbox.internal;
