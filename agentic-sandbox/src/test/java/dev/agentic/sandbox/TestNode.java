package dev.agentic.sandbox;

import dev.agentic.testkit.node.TestNodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Node.js the JavaScript tests use, as {@link TestNodes} finds it: system property {@code agentic.test.node}
 * when set, else the first {@code node} on PATH (also used by the hostile tests). Tests skip with a message
 * saying so when there is none.
 */
public final class TestNode {
    private TestNode() {}

    public static Optional<Path> find() {
        return TestNodes.find();
    }

    /** The test's node; skips the test (class) when there is none. */
    public static Path path() {
        return TestNodes.path();
    }

    /** The test node's {@code major.minor}, from {@code node --version}; {@code {0, 0}} when it does not run. */
    public static int[] version(Path node) {
        return TestNodes.version(node);
    }

    /** Whether the test node runs TypeScript without a flag (22.18+, 23.6+). */
    static boolean stripsTypesByDefault(Path node) {
        int[] v = version(node);
        return v[0] >= 24 || (v[0] == 23 && v[1] >= 6) || (v[0] == 22 && v[1] >= 18);
    }

    /** Whether the test node honours {@code NODE_USE_ENV_PROXY} for fetch and http/https (24.5+). */
    static boolean honoursProxyEnvironment(Path node) {
        int[] v = version(node);
        return v[0] > 24 || (v[0] == 24 && v[1] >= 5);
    }

    /** A stand-in {@code node} that only prints {@code version}, in a directory the sandbox uid can enter. */
    static Path fake(String version) throws IOException {
        return TestNodes.fake(version);
    }

    /** A hard link to {@code node} at {@code DIR/bin/node} in a fresh directory under {@code parent}. */
    static Path linkedUnder(Path parent, Path node) throws IOException {
        return TestNodes.linkedUnder(parent, node);
    }
}
