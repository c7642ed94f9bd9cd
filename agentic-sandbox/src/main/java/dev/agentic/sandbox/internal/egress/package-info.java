/**
 * The network allowlist of the local sandbox: a host-side HTTP proxy on a Unix domain socket
 * ({@link dev.agentic.sandbox.internal.egress.EgressProxy}) and the small Python forwarder that runs inside
 * the sandbox and relays {@code 127.0.0.1:3128} to that socket
 * ({@link dev.agentic.sandbox.internal.egress.EgressForwarder}).
 *
 * <p>The proxy is the policy; the forwarder is plumbing. Sandboxed code may kill the forwarder or speak to
 * the socket directly and still meets every rule of the proxy: the allowlist is checked before any DNS
 * lookup, IP literals and {@code localhost} are refused, the resolved addresses are vetted (no loopback,
 * private, link-local, metadata, multicast or reserved ranges) and the proxy connects to exactly the address
 * it vetted. Internal API: may change without notice.
 */
package dev.agentic.sandbox.internal.egress;
