/**
 * Machinery the fake servers of {@code agentic-testkit-aws} and {@code agentic-testkit-openai} share: a
 * loopback HTTP server and a per-key reply script with recorded requests. Not API: every type here is
 * {@code @Internal}, uses no JUnit, and may change in any release.
 */
package dev.agentic.testkit.fake;
