package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The command and environment that run a JavaScript or TypeScript program with Node.js under the run's limits.
 * Stateless and thread-safe.
 */
final class NodeCommand {
    /** Makes {@code fetch} and {@code http}/{@code https} use {@code HTTP(S)_PROXY} (Node 24.5 and later). */
    static final String USE_ENV_PROXY = "NODE_USE_ENV_PROXY";
    /**
     * Variables every Node.js run gets: two libuv worker threads instead of four (threads count against the
     * process limit), and no REPL history file.
     */
    static final List<String> ENVIRONMENT = List.of("UV_THREADPOOL_SIZE", "2", "NODE_REPL_HISTORY", "");

    private NodeCommand() {}

    /** {@code node}, its flags for the limits (and TypeScript), then the program file. */
    static List<String> argv(NodeRuntime node, Language language, ExecutionLimits limits, String programPath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(node.executable().toString());
        cmd.addAll(MemoryLimit.nodeFlags(limits.memoryBytes()));
        if (language == Language.TYPESCRIPT) {
            cmd.addAll(node.typeScriptFlags());
        }
        cmd.add(programPath);
        return cmd;
    }
}
