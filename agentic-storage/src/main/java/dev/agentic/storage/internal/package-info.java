/**
 * The machinery behind {@code agentic-storage}: S3 calls and their error mapping, the spool directory, and the
 * spec providers registered in {@code META-INF/services}. Not API.
 */
package dev.agentic.storage.internal;
