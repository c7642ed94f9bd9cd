package dev.agentic.sandbox;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.internal.ImportNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prepares a Python virtual environment on the host for {@link LocalSandbox.Builder#pythonEnvironment}: creates
 * it with {@code python3 -m venv} and installs a requirements file with the environment's own {@code pip}. This
 * runs <em>outside</em> the sandbox, as this JVM's user, with the host's network and package index settings
 * ({@code pip.conf}, {@code PIP_*} variables): install only requirements you trust, as you would on your own
 * machine. Programs later see the environment read-only and without network. {@link #importNames} tells which
 * top-level modules an environment (or a bare site-packages directory) provides, for a strict validation policy.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * Path env = PythonEnvironments.create(Path.of("/opt/agentic/envs/stripe"), Path.of("requirements.txt"));
 * LocalSandbox sandbox = LocalSandbox.builder().pythonEnvironment(env).build();
 * ValidationPolicy gate = ValidationPolicy.strict().toBuilder()
 *         .allowModules(PythonEnvironments.importNames(env))
 *         .build();
 * }</pre>
 */
@Experimental
public final class PythonEnvironments {
    private static final long VENV_MINUTES = 5;
    private static final long PIP_MINUTES = 30;

    private PythonEnvironments() {}

    /** Like {@link #create(Path, Path, Path)} with {@code /usr/bin/python3} (else {@code python3} on PATH). */
    public static Path create(Path directory, Path requirements) {
        Path usr = Path.of("/usr/bin/python3");
        return create(directory, requirements, Files.isExecutable(usr) ? usr : Path.of("python3"));
    }

    /**
     * Creates the environment at {@code directory} (which must not exist, or be empty) from {@code python} and
     * installs {@code requirements} into it. pip's output goes to this JVM's log on failure only.
     *
     * @return the environment's directory, for {@link LocalSandbox.Builder#pythonEnvironment}
     * @throws SandboxException when the directory is in use, venv or pip fails (with the tail of their output)
     */
    public static Path create(Path directory, Path requirements, Path python) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(requirements, "requirements");
        Objects.requireNonNull(python, "python");
        if (!Files.isRegularFile(requirements)) {
            throw new SandboxException("Requirements file " + requirements + " does not exist.");
        }
        try {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new SandboxException(directory + " exists and is not empty; choose a new directory "
                                + "for the environment, or delete this one first.");
                    }
                }
            }
        } catch (IOException e) {
            throw new SandboxException("Cannot inspect " + directory + ": " + e.getMessage(), e);
        }
        Path dir = directory.toAbsolutePath().normalize();
        run(List.of(python.toString(), "-m", "venv", dir.toString()), VENV_MINUTES, "python3 -m venv");
        Path envPython = dir.resolve("bin/python3");
        run(
                List.of(
                        envPython.toString(),
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "-r",
                        requirements.toAbsolutePath().toString()),
                PIP_MINUTES,
                "pip install");
        return dir;
    }

    /**
     * The top-level import names of the packages installed in {@code environment}: a virtual environment (its
     * {@code lib/python*}{@code /site-packages}) or a site-packages directory ({@code pip install --target DIR}).
     * Read from each distribution's {@code *.dist-info} or {@code *.egg-info}: its {@code top_level.txt}, else the
     * first path segment of the modules its {@code RECORD} lists, else its distribution name normalised
     * ({@code My-Package} becomes {@code my_package}). Leaves out private names (a leading underscore) and the
     * installers a virtual environment brings along ({@code pip}, {@code setuptools}, {@code pkg_resources},
     * {@code wheel}): allow those with {@code allowModules} if programs really need them. Reads files only; runs
     * nothing.
     *
     * @return the names, sorted; empty for an environment without packages
     * @throws SandboxException when {@code environment} is not a directory or cannot be read
     */
    public static Set<String> importNames(Path environment) {
        Objects.requireNonNull(environment, "environment");
        if (!Files.isDirectory(environment)) {
            throw new SandboxException("Python environment " + environment + " is not a directory; create one with "
                    + "'agentic env create " + environment + " -r requirements.txt'.");
        }
        try {
            return ImportNames.of(sitePackagesOf(environment));
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("Cannot read the packages of " + environment + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> sitePackagesOf(Path environment) throws IOException {
        if (!Files.isRegularFile(environment.resolve("pyvenv.cfg"))) {
            return List.of(environment);
        }
        Set<Path> out = new LinkedHashSet<>();
        for (String lib : List.of("lib", "lib64")) {
            Path dir = environment.resolve(lib);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> versions = Files.list(dir)) {
                for (Path v : versions.sorted().toList()) {
                    Path site = v.resolve("site-packages");
                    if (v.getFileName().toString().startsWith("python") && Files.isDirectory(site)) {
                        out.add(site.toRealPath());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static void run(List<String> command, long minutes, String what) {
        try {
            Path log = Files.createTempFile("agentic-env-", ".log");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
                p.getOutputStream().close();
                if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new SandboxException(what + " did not finish within " + minutes + " minutes.");
                }
                if (p.exitValue() != 0) {
                    String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                    if (out.length() > 1500) {
                        out = "..." + out.substring(out.length() - 1500);
                    }
                    throw new SandboxException(what + " failed (exit " + p.exitValue() + "): " + out);
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot run " + what + " (" + command.get(0) + "): " + e.getMessage()
                            + ". On Debian or Ubuntu install python3-venv.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted during " + what, e);
        }
    }
}
