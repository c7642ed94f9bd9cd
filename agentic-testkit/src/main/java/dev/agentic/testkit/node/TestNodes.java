package dev.agentic.testkit.node;

import dev.agentic.core.annotation.Internal;
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
 * Finds the Node.js for JavaScript and TypeScript tests: system property {@code agentic.test.node} when set, else
 * the first {@code node} on PATH. Tests skip (a JUnit assumption with a message) when there is none. Also makes
 * stand-ins that only print a version, and hard links of a real node in a directory of the test's choosing.
 * Stateless and thread-safe; what {@link #fake} and {@link #linkedUnder} create belongs to the caller.
 */
@Internal
public final class TestNodes {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)");

    private TestNodes() {}

    /** The configured node, else the first on PATH; empty when there is none. */
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

    /** The test's node; skips the test when there is none. */
    public static Path path() {
        Optional<Path> node = find();
        Assumptions.assumeTrue(
                node.isPresent(), "no Node.js: set -Dagentic.test.node=/path/to/node or put node on PATH");
        return node.get();
    }

    /** What {@code node --version} prints, such as {@code v24.1.0}; empty when it does not run. */
    public static String versionText(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code node}'s {@code {major, minor}}; {@code {0, 0}} when it does not run. */
    public static int[] version(Path node) {
        Matcher m = VERSION.matcher(versionText(node));
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : new int[2];
    }

    /**
     * A stand-in {@code node} that only prints {@code version} (such as {@code v20.1.0}), in a fresh temporary
     * directory a sandbox uid can enter; for tests of what is declared or refused for a version.
     */
    public static Path fake(String version) throws IOException {
        Path dir = Files.createTempDirectory("agentic-fake-node-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir.toFile().deleteOnExit();
        Path node = dir.resolve("node");
        node.toFile().deleteOnExit();
        Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }

    /**
     * A hard link to {@code node}'s executable at {@code DIR/bin/node} in a fresh directory under {@code parent}
     * (enterable by a sandbox uid); skips the test when the file system does not allow the link. Delete it with
     * {@link #deleteLink}.
     */
    public static Path linkedUnder(Path parent, Path node) throws IOException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "agentic-node-");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (Path d : new Path[] {dir, bin}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try {
            return Files.createLink(bin.resolve("node"), node.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            deleteLink(bin.resolve("node"));
            Assumptions.abort("cannot hard-link " + node + " under " + parent + ": " + e);
            throw e;
        }
    }

    /** Deletes what {@link #linkedUnder} made: the link, its {@code bin} directory and their directory. */
    public static void deleteLink(Path link) throws IOException {
        Files.deleteIfExists(link);
        Files.deleteIfExists(link.getParent());
        Files.deleteIfExists(link.getParent().getParent());
    }
}
