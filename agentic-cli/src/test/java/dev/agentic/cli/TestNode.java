package dev.agentic.cli;

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
 * The Node.js the CLI's JavaScript and TypeScript tests pass to {@code --node}: system property
 * {@code agentic.test.node} when set, else the first {@code node} on PATH (as in agentic-sandbox's tests). Tests
 * skip with a message saying so when there is none, or when it is too old for what they need.
 */
final class TestNode {
    private TestNode() {}

    static Optional<Path> find() {
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
    static Path path() {
        Optional<Path> node = find();
        Assumptions.assumeTrue(
                node.isPresent(), "no Node.js: set -Dagentic.test.node=/path/to/node or put node on PATH");
        return node.get();
    }

    /** The test's node when it strips TypeScript types (22.6 or later); skips the test otherwise. */
    static Path strippingTypes() {
        Path node = path();
        String version = version(node);
        Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(version);
        boolean strips = m.find()
                && (Integer.parseInt(m.group(1)) > 22
                        || (Integer.parseInt(m.group(1)) == 22 && Integer.parseInt(m.group(2)) >= 6));
        Assumptions.assumeTrue(
                strips,
                "TypeScript needs a Node.js that strips types (22.6 or later); " + node + " is '" + version
                        + "'. Set -Dagentic.test.node=/opt/agentic-node24/bin/node or put Node 24 first on PATH");
        return node;
    }

    /** What {@code node --version} prints, such as {@code v24.1.0}; empty when it does not run. */
    static String version(Path node) {
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

    /**
     * A hard link to {@code node}'s executable at {@code DIR/bin/node} in a fresh directory under {@code parent}
     * (absolute; enterable by the sandbox uid); skips the test when the file system does not allow the link.
     */
    static Path linkedUnder(Path parent, Path node) throws IOException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "agentic-cli-node-");
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

    /** Deletes what {@link #linkedUnder} made (the link, its bin directory and their directory). */
    static void deleteLink(Path link) throws IOException {
        Files.deleteIfExists(link);
        Files.deleteIfExists(link.getParent());
        Files.deleteIfExists(link.getParent().getParent());
    }

    /**
     * A stand-in {@code node} that only prints {@code version} (such as {@code v20.1.0}), in a fresh temporary
     * directory the sandbox uid can enter; for what the CLI says when a Node.js is too old.
     */
    static Path fake(String version) throws IOException {
        Path dir = Files.createTempDirectory("agentic-cli-fake-node-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir.toFile().deleteOnExit();
        Path node = dir.resolve("node");
        node.toFile().deleteOnExit();
        Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }
}
