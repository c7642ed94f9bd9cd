package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js runtime JavaScript and TypeScript programs run with: the real executable, the tree mounted
 * read-only for it, and what its version supports (TypeScript by type stripping, the proxy variables). Immutable
 * and thread-safe; versions are probed once per executable and cached for the JVM's lifetime.
 *
 * @param executable the real path of {@code node} (symlinks resolved)
 * @param mount what JavaScript runs mount read-only at the same path (the install tree, or only the executable
 *     when its tree is a shared one such as {@code /usr/local}); null when the executable is already mounted
 *     from {@code /usr}
 * @param major major version
 * @param minor minor version
 */
public record NodeRuntime(Path executable, Path mount, int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.\\d+");
    private static final Map<Path, int[]> VERSIONS = new ConcurrentHashMap<>();
    /** Install roots never mounted whole: they hold other software and, for {@code /usr/local/etc}, credentials. */
    private static final List<Path> SHARED_ROOTS =
            List.of(Path.of("/"), Path.of("/usr"), Path.of("/usr/local"), Path.of("/opt"), Path.of("/home"));

    /**
     * The configured {@code node}, else the first {@code node} on PATH (then in the usual system directories);
     * empty when none is found and none was configured.
     *
     * @throws SandboxException when the configured executable does not run
     */
    public static Optional<NodeRuntime> resolve(Path configured) {
        Path candidate = configured != null ? configured : findOnPath().orElse(null);
        if (candidate == null) {
            return Optional.empty();
        }
        try {
            Path exe = candidate.toRealPath();
            int[] v = VERSIONS.computeIfAbsent(exe, NodeRuntime::probeVersion);
            return Optional.of(new NodeRuntime(exe, mountFor(exe), v[0], v[1]));
        } catch (IOException | SandboxException e) {
            if (configured != null) {
                throw e instanceof SandboxException s
                        ? s
                        : new SandboxException("nodeExecutable " + configured + " does not exist; point "
                                + "LocalSandbox.builder().nodeExecutable(path) at a Node.js executable.");
            }
            return Optional.empty();
        }
    }

    /** Whether {@code node main.ts} runs TypeScript by type stripping (Node 22.6 and later). */
    public boolean runsTypeScript() {
        return major > 22 || (major == 22 && minor >= 6);
    }

    /** The flags {@code node} needs to strip types: none from 22.18 and 23.6 on, else the experimental flag. */
    public List<String> typeScriptFlags() {
        boolean byDefault = major >= 24 || (major == 23 && minor >= 6) || (major == 22 && minor >= 18);
        return byDefault ? List.of() : List.of("--experimental-strip-types");
    }

    /**
     * Whether {@code fetch} and {@code http}/{@code https} honour {@code HTTP(S)_PROXY} when
     * {@code NODE_USE_ENV_PROXY=1} (Node 24.5 and later); older versions would ignore the egress proxy.
     */
    public boolean honoursProxyEnvironment() {
        return major > 24 || (major == 24 && minor >= 5);
    }

    /** The version as {@code major.minor}. */
    public String version() {
        return major + "." + minor;
    }

    /** What a sandbox lacking {@code language} should say: what to install or configure. */
    public static String howToGet(Language language, NodeRuntime node) {
        if (language == Language.TYPESCRIPT) {
            return node == null
                    ? "Install Node.js 22.18 or later (it runs TypeScript by type stripping) and put it on PATH, or "
                            + "set LocalSandbox.builder().nodeExecutable(path)."
                    : "The Node.js at " + node.executable() + " is " + node.version()
                            + ", which cannot run TypeScript; "
                            + "install Node.js 22.18 or later and set LocalSandbox.builder().nodeExecutable(path).";
        }
        if (language == Language.JAVASCRIPT) {
            return "Install Node.js (https://nodejs.org; Node 24 or later for network allowlists) and put it on PATH, "
                    + "or set LocalSandbox.builder().nodeExecutable(path).";
        }
        if (language == Language.JAVA) {
            return "Set LocalSandbox.builder().javaHome(path) to a JDK (bin/java and bin/javac).";
        }
        return "";
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (Path d : dirs) {
            Path p = d.resolve("node");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return HostTools.find("node");
    }

    /**
     * The install tree ({@code DIR} of {@code DIR/bin/node}) when it is the runtime's own, only the executable when
     * it lives in a shared tree, nothing when {@code /usr}'s mounts already hold it.
     */
    static Path mountFor(Path exe) {
        if (BwrapCommand.mountedFromUsr(exe)) {
            return null;
        }
        Path bin = exe.getParent();
        if (bin != null
                && bin.getFileName() != null
                && bin.getFileName().toString().equals("bin")) {
            Path root = bin.getParent();
            if (root != null && !SHARED_ROOTS.contains(root) && !root.startsWith("/usr")) {
                return root;
            }
        }
        return exe;
    }

    /** The first line of what a probe printed, at most 200 characters: error messages stay one line. */
    private static String firstLine(String out) {
        String line = out.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static int[] probeVersion(Path exe) {
        try {
            ProcessBuilder pb = new ProcessBuilder(exe.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            Process p = pb.start();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new SandboxException("The Node.js executable " + exe + " did not run (" + firstLine(out)
                        + "). Install "
                        + "Node.js or set LocalSandbox.builder().nodeExecutable(path) to one that runs.");
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new SandboxException("The Node.js executable " + exe + " printed no version (" + firstLine(out)
                        + "); set "
                        + "LocalSandbox.builder().nodeExecutable(path) to a Node.js executable.");
            }
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } catch (IOException e) {
            throw new SandboxException("Cannot run the Node.js executable " + exe + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while probing the Node.js version", e);
        }
    }
}
