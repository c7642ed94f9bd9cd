/**
 * The local sandbox: {@link dev.agentic.sandbox.LocalSandbox} runs Python and single-file Java programs in
 * a bubblewrap sandbox on Linux, with limits, no network by default (or an egress allowlist), secrets as
 * environment variables only, and safe collection of output files. Machinery lives in
 * {@code dev.agentic.sandbox.internal} and is not API.
 */
package dev.agentic.sandbox;
