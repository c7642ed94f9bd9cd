/**
 * Stability marks for the SDK's public types: {@link dev.agentic.core.annotation.Stable} (kept compatible within
 * a major version), {@link dev.agentic.core.annotation.Experimental} (may change in any release) and
 * {@link dev.agentic.core.annotation.Internal} (public for technical reasons only; not for use outside the SDK).
 * A build rule checks that every public type of a published module carries one.
 */
package dev.agentic.core.annotation;
