package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host Python virtual environment (made by {@code python3 -m venv}) whose packages programs may import: the
 * directory is mounted read-only at {@link BwrapCommand#PYTHON_ENV_INSIDE} and its {@code bin/python3} is the
 * interpreter, so Python finds the environment's {@code pyvenv.cfg} and puts its {@code site-packages} on the
 * path; the base installation named in {@code pyvenv.cfg} is mounted as usual. Scripts in {@code bin} keep
 * their host shebangs and are not meant to run inside. Stateless.
 *
 * @param root the environment's real directory on the host
 * @param base the base installation its interpreter runs
 */
public record PythonEnvironment(Path root, HostTools.PythonInstall base) {

    /** The interpreter of the environment at {@code root}, as seen inside the sandbox. */
    public HostTools.PythonInstall inside() {
        return new HostTools.PythonInstall(
                Path.of(BwrapCommand.PYTHON_ENV_INSIDE, "bin", interpreterName(root)), base.prefix(), base.version());
    }

    /** The interpreter of the environment on the host (for runs without isolation). */
    public HostTools.PythonInstall onHost() {
        return new HostTools.PythonInstall(
                root.resolve("bin").resolve(interpreterName(root)), base.prefix(), base.version());
    }

    /**
     * Checks and resolves the environment at {@code dir}.
     *
     * @throws SandboxException naming what is missing and how to make one
     */
    public static PythonEnvironment of(Path dir) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(
                    "Python environment " + dir + " does not exist; create one with " + "'agentic env create " + dir
                            + " -r requirements.txt' or '/usr/bin/python3 -m venv " + dir + "'.");
        }
        if (!Files.isRegularFile(root.resolve("pyvenv.cfg"))) {
            throw new SandboxException("Python environment " + dir + " has no pyvenv.cfg, so it is not a virtual "
                    + "environment; create one with 'agentic env create " + dir + " -r requirements.txt'.");
        }
        Path python = root.resolve("bin").resolve(interpreterName(root));
        if (!Files.isExecutable(python)) {
            throw new SandboxException("Python environment " + dir + " has no bin/python3; recreate it with "
                    + "'agentic env create " + dir + " -r requirements.txt'.");
        }
        return new PythonEnvironment(root, HostTools.resolvePython(python));
    }

    /**
     * The environment that {@code python} belongs to ({@code <env>/bin/python3} with {@code <env>/pyvenv.cfg}),
     * or null when it is a plain interpreter.
     */
    public static Path containing(Path python) {
        Path bin = python.toAbsolutePath().getParent();
        if (bin == null
                || bin.getParent() == null
                || !bin.getFileName().toString().equals("bin")) {
            return null;
        }
        Path env = bin.getParent();
        return Files.isRegularFile(env.resolve("pyvenv.cfg")) ? env : null;
    }

    private static String interpreterName(Path root) {
        return Files.exists(root.resolve("bin/python3")) ? "python3" : "python";
    }
}
