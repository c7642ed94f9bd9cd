package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.util.EnumSet;

/**
 * Refuses, before anything starts, requests a sandbox's runtimes cannot serve: a language it does not run, and a
 * network allowlist for a Node.js that would ignore the egress proxy. Stateless and thread-safe.
 */
public final class NodeLimits {
    private NodeLimits() {}

    /**
     * @throws UnsupportedCapabilityException naming the languages the sandbox runs and what to install or
     *     configure for {@code language}
     */
    public static void checkLanguage(RunContext ctx, Language language) {
        if (ctx.languages().contains(language)) {
            return;
        }
        NodeRuntime node = ctx.layout() != null
                ? ctx.layout().node()
                : ctx.unisolatedLayout().node();
        throw new UnsupportedCapabilityException(
                "LocalSandbox cannot run " + language.displayName() + "; it runs " + ctx.languages() + ". "
                        + NodeRuntime.howToGet(language, node),
                language);
    }

    /**
     * A Node.js run with hosts allowed needs a Node.js that sends {@code fetch} and {@code http}/{@code https}
     * through {@code HTTP(S)_PROXY}; an older one would try direct connections, which the empty network namespace
     * refuses, so the request is refused up front instead of failing obscurely.
     *
     * @throws UnsupportedCapabilityException naming the Node.js version needed
     */
    public static void checkNetwork(RunContext ctx, Language language, NetworkPolicy network) {
        if (!MemoryLimit.isNode(language) || network.isNone() || !ctx.isolated()) {
            return;
        }
        NodeRuntime node = ctx.layout().node();
        if (node != null && !node.honoursProxyEnvironment()) {
            throw new UnsupportedCapabilityException(
                    "LocalSandbox cannot give " + language.displayName() + " programs network access with Node.js "
                            + node.version() + " (" + node.executable() + "): only Node.js 24.5 and later send fetch "
                            + "and http/https requests through the sandbox's egress proxy. Install Node.js 24 and set "
                            + "LocalSandbox.builder().nodeExecutable(path), or send the request without a network "
                            + "allowlist.",
                    EnumSet.of(SandboxCapability.HOST_ALLOWLIST));
        }
    }
}
