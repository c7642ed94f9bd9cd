package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A host Python environment whose packages programs may import, mounted read-only at
 * {@link BwrapCommand#PYTHON_ENV_INSIDE}; its {@code bin/python3} is the interpreter, so Python finds the
 * environment's {@code pyvenv.cfg} and puts its {@code site-packages} on the path (also under {@code -I}, which
 * keeps out {@code PYTHONPATH} and the user's site directory but not a virtual environment's own packages). The
 * base installation named in {@code pyvenv.cfg} is mounted as usual. Two kinds:
 *
 * <ul>
 *   <li>a virtual environment (made by {@code python3 -m venv}): {@code root} is that directory, mounted as is;
 *       scripts in {@code bin} keep their host shebangs and are not meant to run inside;
 *   <li>a bare site-packages directory the host prepared ({@code pip install --target DIR}): {@code root} is a
 *       small virtual environment made for it in the scratch root ({@code pyvenv.cfg}, {@code bin/python3} linked
 *       to the base interpreter, an empty {@code lib/pythonX.Y/site-packages}), and the directory is mounted
 *       read-only over that {@code site-packages} inside the sandbox. This keeps {@code -I} for every run rather
 *       than relaxing it to let {@code PYTHONPATH} in, which would also let a run's environment variables steer
 *       the interpreter. The base installation's own packages stay visible after the directory's, as with
 *       {@code PYTHONPATH}. Without isolation a {@code .pth} file in the made {@code site-packages} adds the
 *       directory on the host instead.
 * </ul>
 *
 * Stateless.
 *
 * @param root the environment's directory on the host (for a site-packages directory: the one made for it)
 * @param base the base installation its interpreter runs
 * @param sitePackages the bare site-packages directory (real path), or null for a virtual environment
 */
public record PythonEnvironment(Path root, HostTools.PythonInstall base, Path sitePackages) {

    /** A virtual environment. */
    public PythonEnvironment(Path root, HostTools.PythonInstall base) {
        this(root, base, null);
    }

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
     * Checks and resolves the virtual environment at {@code dir}.
     *
     * @throws SandboxException naming what is missing and how to make one
     */
    public static PythonEnvironment of(Path dir) {
        return of(dir, null, null);
    }

    /**
     * Checks and resolves the environment at {@code dir}: a virtual environment, or a site-packages directory
     * (one holding {@code *.dist-info}, as {@code pip install --target} leaves it) run with {@code python} (null:
     * the default interpreter), for which a virtual environment is made in {@code scratchRoot}.
     *
     * @throws SandboxException naming what is missing and how to make one
     */
    public static PythonEnvironment of(Path dir, Path python, Path scratchRoot) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(
                    "Python environment " + dir + " does not exist; create one with " + "'agentic env create " + dir
                            + " -r requirements.txt' or '/usr/bin/python3 -m venv " + dir + "'.");
        }
        if (!Files.isRegularFile(root.resolve("pyvenv.cfg"))) {
            if (scratchRoot != null && Files.isDirectory(root) && hasDistributions(root)) {
                return forSitePackages(root, python, scratchRoot);
            }
            throw new SandboxException("Python environment " + dir + " has no pyvenv.cfg, so it is not a virtual "
                    + "environment, and no *.dist-info, so it is not a site-packages directory either; create one "
                    + "with 'agentic env create " + dir + " -r requirements.txt' or 'pip install --target " + dir
                    + " PACKAGE'.");
        }
        Path python3 = root.resolve("bin").resolve(interpreterName(root));
        if (!Files.isExecutable(python3)) {
            throw new SandboxException("Python environment " + dir + " has no bin/python3; recreate it with "
                    + "'agentic env create " + dir + " -r requirements.txt'.");
        }
        return new PythonEnvironment(root, HostTools.resolvePython(python3));
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

    private static boolean hasDistributions(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".dist-info") || n.endsWith(".egg-info")) && Files.isDirectory(p);
            });
        } catch (IOException e) {
            throw new SandboxException("Cannot list the Python environment " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes (once; the same directory and interpreter reuse it) the virtual environment around {@code site}. */
    private static PythonEnvironment forSitePackages(Path site, Path python, Path scratchRoot) {
        HostTools.PythonInstall base = HostTools.resolvePython(python != null ? python : HostTools.defaultPython());
        String key = site + "\0" + base.executable() + "\0" + base.version();
        Path root = scratchRoot.resolve("python-site-" + sha256(key).substring(0, 20));
        if (Files.isRegularFile(root.resolve("pyvenv.cfg"))) {
            return new PythonEnvironment(root, base, site);
        }
        try {
            Path tmp = Files.createTempDirectory(scratchRoot, "python-site-");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Files.createSymbolicLink(bin.resolve("python3"), base.executable());
            Path sitePackages = Files.createDirectories(tmp.resolve(siteRelative(base.version())));
            // host runs only (Isolation.NONE): inside the sandbox the directory is mounted over this one
            Files.writeString(
                    sitePackages.resolve("agentic-site.pth"),
                    "import site; site.addsitedir(" + pythonString(site.toString()) + ")\n",
                    StandardCharsets.UTF_8);
            Path home = base.executable().getParent();
            Files.writeString(
                    tmp.resolve("pyvenv.cfg"),
                    "home = " + home + "\ninclude-system-site-packages = true\nversion = " + base.version() + "\n",
                    StandardCharsets.UTF_8);
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.toList()) {
                    if (!Files.isSymbolicLink(p)) {
                        Files.setPosixFilePermissions(
                                p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            try {
                Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another sandbox made the same one meanwhile: use that
                RunDirectory.deleteTree(tmp);
                if (!Files.isRegularFile(root.resolve("pyvenv.cfg"))) {
                    throw raced;
                }
            }
            return new PythonEnvironment(root, base, site);
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot prepare the Python environment for " + site + " in " + scratchRoot + ": " + e.getMessage(),
                    e);
        }
    }

    /** {@code lib/pythonX.Y/site-packages} of a virtual environment for Python {@code version} (X.Y.Z). */
    static String siteRelative(String version) {
        String[] v = version.split("\\.");
        if (v.length < 2) {
            throw new SandboxException("Cannot tell the Python version (" + version
                    + "); use a virtual environment instead of a site-packages directory.");
        }
        return "lib/python" + v[0] + "." + v[1] + "/site-packages";
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String interpreterName(Path root) {
        return Files.exists(root.resolve("bin/python3")) ? "python3" : "python";
    }
}
