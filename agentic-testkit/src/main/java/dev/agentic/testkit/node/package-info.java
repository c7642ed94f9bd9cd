/**
 * The Node.js a test suite runs JavaScript and TypeScript programs with, shared by the test suites of
 * {@code agentic-sandbox} and {@code agentic-cli}. Not API: every type here is {@code @Internal} and may
 * change in any release.
 */
package dev.agentic.testkit.node;
