package dev.agentic.cli;

import dev.agentic.testkit.node.TestNodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js the CLI's JavaScript and TypeScript tests pass to {@code --node}, as {@link TestNodes} finds it
 * ({@code -Dagentic.test.node}, else PATH). Tests skip with a message saying so when there is none, or when it
 * is too old for what they need.
 */
final class TestNode {
    private TestNode() {}

    static Optional<Path> find() {
        return TestNodes.find();
    }

    /** The test's node; skips the test when there is none. */
    static Path path() {
        return TestNodes.path();
    }

    /** The test's node when it strips TypeScript types (22.6 or later); skips the test otherwise. */
    static Path strippingTypes() {
        Path node = path();
        int[] v = TestNodes.version(node);
        Assumptions.assumeTrue(
                v[0] > 22 || (v[0] == 22 && v[1] >= 6),
                "TypeScript needs a Node.js that strips types (22.6 or later); " + node + " is '" + version(node)
                        + "'. Set -Dagentic.test.node=/opt/agentic-node24/bin/node or put Node 24 first on PATH");
        return node;
    }

    /** What {@code node --version} prints, such as {@code v24.1.0}; empty when it does not run. */
    static String version(Path node) {
        return TestNodes.versionText(node);
    }

    /** A hard link to {@code node} at {@code DIR/bin/node} in a fresh directory under {@code parent}. */
    static Path linkedUnder(Path parent, Path node) throws IOException {
        return TestNodes.linkedUnder(parent, node);
    }

    /** Deletes what {@link #linkedUnder} made. */
    static void deleteLink(Path link) throws IOException {
        TestNodes.deleteLink(link);
    }

    /** A stand-in {@code node} that only prints {@code version}. */
    static Path fake(String version) throws IOException {
        return TestNodes.fake(version);
    }
}
