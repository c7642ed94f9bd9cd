package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command a JavaScript or TypeScript session's supervisor execs for its interpreter: {@code node} running
 * {@code session_interpreter.js} (mounted read-only beside the supervisor) with the run's heap cap. Stateless and
 * thread-safe.
 */
final class NodeSessionCommand {
    /** The interpreter script's file name in the sandbox's top directory. */
    static final String SCRIPT = "session_interpreter.js";

    private NodeSessionCommand() {}

    /**
     * The node executable for sessions of this sandbox.
     *
     * @throws UnsupportedCapabilityException when this host has no Node.js
     */
    static Path node(RunContext ctx, Language language) {
        return HostTools.find("node")
                .orElseThrow(() -> new UnsupportedCapabilityException(
                        "LocalSandbox cannot open a " + language.displayName() + " session: no Node.js was found. "
                                + "Install Node.js (22.13 or later for TypeScript) and put it on PATH.",
                        Set.of(SandboxCapability.SESSIONS)));
    }

    /** The interpreter's argv, as run inside the sandbox. */
    static List<String> argv(Path node, Language language, ExecutionLimits limits) {
        List<String> cmd = new ArrayList<>();
        cmd.add(node.toString());
        cmd.add("--max-old-space-size=" + heapMiB(limits.memoryBytes()));
        cmd.add(BwrapCommand.WORKDIR + "/" + SCRIPT);
        cmd.add(language.id());
        return List.copyOf(cmd);
    }

    /** V8's old space for a memory limit: half of it, at least 16 MiB. */
    static long heapMiB(long memoryBytes) {
        return Math.max(16, memoryBytes / 2 / (1024 * 1024));
    }
}
