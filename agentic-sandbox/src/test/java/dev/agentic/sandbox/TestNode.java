package dev.agentic.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js the JavaScript tests use: system property {@code agentic.test.node} when set, else the first
 * {@code node} on PATH (also used by the hostile tests). Tests skip with a message saying so when there is none.
 */
public final class TestNode {
    private TestNode() {}

    public static Optional<Path> find() {
        String prop = System.getProperty("agentic.test.node");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d).resolve("node");
            if (!d.isBlank() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The test's node; skips the test (class) when there is none. */
    public static Path path() {
        Optional<Path> node = find();
        Assumptions.assumeTrue(
                node.isPresent(), "no Node.js: set -Dagentic.test.node=/path/to/node or put node on PATH");
        return node.get();
    }

    /** The test node's {@code major.minor}, from {@code node --version}; {@code {0, 0}} when it does not run. */
    public static int[] version(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(out);
            return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : new int[2];
        } catch (IOException e) {
            return new int[2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new int[2];
        }
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

    /**
     * A stand-in {@code node} that only prints {@code version} (such as {@code v20.1.0}), in a fresh temporary
     * directory the sandbox uid can enter; for tests of what a sandbox declares and refuses for old versions.
     */
    static Path fake(String version) throws IOException {
        Path dir = Files.createTempDirectory("agentic-fake-node-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir.toFile().deleteOnExit();
        Path node = dir.resolve("node");
        node.toFile().deleteOnExit();
        Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }
}
