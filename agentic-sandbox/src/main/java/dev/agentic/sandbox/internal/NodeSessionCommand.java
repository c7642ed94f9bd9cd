package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command a JavaScript or TypeScript session's supervisor execs for its interpreter: the sandbox's
 * {@code node} with the flags of a one-shot run ({@link NodeCommand}), running {@code session_interpreter.js}
 * (mounted read-only beside the supervisor). Stateless and thread-safe.
 */
final class NodeSessionCommand {
    /** The interpreter script's file name in the sandbox's top directory. */
    static final String SCRIPT = "session_interpreter.js";

    private NodeSessionCommand() {}

    /**
     * The interpreter's argv, as run inside the sandbox.
     *
     * @throws UnsupportedCapabilityException when this sandbox has no Node.js
     */
    static List<String> argv(RunContext ctx, Language language, ExecutionLimits limits) {
        NodeRuntime node = ctx.layout().node();
        if (node == null) {
            throw new UnsupportedCapabilityException(
                    "LocalSandbox cannot open a " + language.displayName() + " session: "
                            + NodeRuntime.howToGet(language, null),
                    Set.of(SandboxCapability.SESSIONS));
        }
        List<String> cmd =
                new ArrayList<>(NodeCommand.argv(node, language, limits, BwrapCommand.WORKDIR + "/" + SCRIPT));
        cmd.add(language.id());
        return List.copyOf(cmd);
    }
}
