package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line that starts one sandboxed run: a tiny {@code sh} launcher that opens the seccomp
 * filter on fd 3 (keeping stdin free for the environment script), optional {@code setpriv}, then
 * {@code bwrap} with every namespace unshared, {@code prlimit} inside, and the in-sandbox {@code sh} wrapper
 * that sources the environment (plain variables and secrets) from stdin and execs the program.
 *
 * <p>Nothing secret is ever part of this command line. Stateless and thread-safe.
 */
public final class BwrapCommand {
    /** The working directory inside the sandbox. */
    public static final String WORKDIR = "/sandbox";
    /** Size of the {@code /dev/shm} tmpfs (POSIX semaphores for multiprocessing need a little). */
    static final long SHM_BYTES = 8L * 1024 * 1024;
    /**
     * Wrapper run inside: evaluate the environment script from stdin line by line (shell builtins only: no
     * {@code cat}, no command substitution, measured to matter for start-up), then exec the program.
     */
    static final String WRAPPER = "while IFS= read -r l; do eval \"$l\" || exit 125; done; exec \"$@\" </dev/null";
    /**
     * The parts of {@code /usr} every run mounts read-only, those that exist on this host: executables, the
     * architecture's shared libraries and the dynamic linker, locales, OpenSSL's configuration links, the
     * system Python's standard library and packages (also those pip installs under {@code /usr/local/lib}),
     * time zones and the CA certificates {@code /etc/ssl/certs} links to. Never the rest of {@code /usr/local}
     * ({@code /usr/local/etc} can hold credentials), nor other applications' trees. A JDK under {@code /usr}
     * is mounted for Java runs only, with the trees its links point to.
     */
    static final List<Path> USR_MOUNTS = usrMounts();
    /**
     * Host paths mounted into every sandbox ({@code /lib*}, {@code /bin}, {@code /sbin} as symlinks or read-only
     * binds, and a few {@code /etc} files), looked up once: the host layout does not change under a JVM.
     */
    private static final List<String> SYSTEM_MOUNTS = systemMounts();
    /**
     * Launcher run on the host: open the BPF file ({@code $0}) as fd 3 and the run's status file ({@code $1})
     * as fd 4 for bwrap's {@code --json-status-fd}, then exec the rest.
     */
    static final String LAUNCHER = "exec 3<\"$0\" 4>\"$1\" || exit 125; shift; exec \"$@\"";
    /**
     * Launcher with a run cgroup: first move itself (the {@code echo} builtin, no extra exec) into each of the
     * {@code $2} cgroups whose {@code cgroup.procs} files follow, so that bwrap and everything below start inside
     * them; then as {@link #LAUNCHER}.
     */
    static final String CGROUP_LAUNCHER = "exec 3<\"$0\" 4>\"$1\" || exit 125; n=$2; shift 2; "
            + "while [ \"$n\" -gt 0 ]; do echo $$ >\"$1\" || exit 125; n=$((n - 1)); shift; done; exec \"$@\"";
    /**
     * The file in the run directory (never visible inside) where bwrap writes its JSON status: an
     * {@code exit-code} line appears only when the sandbox was set up and the program's exit was propagated.
     */
    public static final String STATUS_FILE = "bwrap-status.json";
    /**
     * Name of the directory, next to the socket's path inside, where the egress socket's host directory is
     * mounted; the socket path inside is a symbolic link into it.
     */
    static final String EGRESS_DIR = "egress";
    /** Where a host Python environment ({@code LocalSandbox.Builder#pythonEnvironment}) is mounted read-only. */
    public static final String PYTHON_ENV_INSIDE = "/opt/agentic/python-env";

    private BwrapCommand() {}

    /**
     * Everything specific to one run.
     *
     * @param gated whether the in-sandbox wrapper runs: it reads the environment script from stdin and holds
     *     the program until stdin is closed. Needed when the run has variables or secrets, or collects
     *     outputs (the host opens the working directory first); without it the program starts at once.
     * @param pythonDriver whether the program is a Python driver (a session's supervisor) that starts an
     *     interpreter for {@code language} itself: the program file and command are Python's, while mounts and
     *     limits are {@code language}'s
     */
    public record Run(
            Language language,
            Path runDir,
            List<String> inputNames,
            ExecutionLimits limits,
            Path egressSocket,
            Path forwarderScript,
            List<String> proxyEnv,
            boolean gated,
            boolean pythonDriver) {
        public Run {
            inputNames = List.copyOf(inputNames);
            proxyEnv = List.copyOf(proxyEnv);
        }

        /** A run whose program is in {@code language}. */
        public Run(
                Language language,
                Path runDir,
                List<String> inputNames,
                ExecutionLimits limits,
                Path egressSocket,
                Path forwarderScript,
                List<String> proxyEnv,
                boolean gated) {
            this(language, runDir, inputNames, limits, egressSocket, forwarderScript, proxyEnv, gated, false);
        }

        /** The language of the program file and command: Python for a driver. */
        Language programLanguage() {
            return pythonDriver ? Language.PYTHON : language;
        }

        boolean egress() {
            return egressSocket != null;
        }
    }

    /**
     * What the run's limits plan and identity add to the command line.
     *
     * @param cgroupProcs the {@code cgroup.procs} files the launcher joins before bwrap (empty: none)
     * @param prlimit the {@code prlimit} prefix run inside, ending with {@code --}
     * @param denyMemfd whether the seccomp filter also refuses memory-backed files
     * @param uid the uid bwrap runs as when the JVM is root (-1: the layout's)
     */
    public record PerRun(List<Path> cgroupProcs, List<String> prlimit, boolean denyMemfd, int uid) {
        public PerRun {
            cgroupProcs = List.copyOf(cgroupProcs);
            prlimit = List.copyOf(prlimit);
        }
    }

    /** The full argv for {@link ProcessBuilder}, without a run cgroup, with the request's limits as rlimits. */
    public static List<String> build(SandboxLayout layout, Run run, String egressSocketInside, String forwarderInside) {
        PerRun defaults = new PerRun(
                List.of(),
                limitsPrefix(layout.tools().prlimit(), run.limits(), run.language()),
                false,
                layout.sandboxUid());
        return build(layout, run, egressSocketInside, forwarderInside, defaults);
    }

    /** The full argv, with the run's cgroups, rlimits, seccomp filter and uid from {@code perRun}. */
    public static List<String> build(
            SandboxLayout layout, Run run, String egressSocketInside, String forwarderInside, PerRun perRun) {
        List<String> cmd = new ArrayList<>();
        cmd.add(layout.tools().shell().toString());
        cmd.add("-c");
        boolean cgroups = !perRun.cgroupProcs().isEmpty();
        cmd.add(cgroups ? CGROUP_LAUNCHER : LAUNCHER);
        cmd.add((perRun.denyMemfd() ? layout.seccompNoMemfdFile() : layout.seccompFile()).toString());
        cmd.add(run.runDir().resolve(STATUS_FILE).toString());
        if (cgroups) {
            cmd.add(Integer.toString(perRun.cgroupProcs().size()));
            for (Path procs : perRun.cgroupProcs()) {
                cmd.add(procs.toString());
            }
        }
        cmd.addAll(layout.dropPrivileges(perRun.uid()));
        cmd.add(layout.tools().bwrap().toString());
        add(
                cmd,
                "--unshare-all",
                "--unshare-user",
                "--disable-userns",
                "--cap-drop",
                "ALL",
                "--die-with-parent",
                "--new-session",
                "--hostname",
                "sandbox",
                "--json-status-fd",
                "4",
                "--clearenv");
        setenv(cmd, "PATH", "/usr/bin:/bin");
        setenv(cmd, "HOME", WORKDIR);
        setenv(cmd, "TMPDIR", "/tmp");
        setenv(cmd, "LANG", "C.UTF-8");
        setenv(cmd, "MALLOC_ARENA_MAX", "2");
        setenv(cmd, "OMP_NUM_THREADS", "1");
        setenv(cmd, "OPENBLAS_NUM_THREADS", "1");
        for (int i = 0; i + 1 < run.proxyEnv().size(); i += 2) {
            setenv(cmd, run.proxyEnv().get(i), run.proxyEnv().get(i + 1));
        }
        if (MemoryLimit.isNode(run.language())) {
            for (int i = 0; i + 1 < NodeCommand.ENVIRONMENT.size(); i += 2) {
                setenv(cmd, NodeCommand.ENVIRONMENT.get(i), NodeCommand.ENVIRONMENT.get(i + 1));
            }
            if (run.egress()) {
                setenv(cmd, NodeCommand.USE_ENV_PROXY, "1");
            }
        }
        cmd.addAll(SYSTEM_MOUNTS);
        add(cmd, "--proc", "/proc", "--dev", "/dev");
        add(cmd, "--size", Long.toString(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev");
        long disk = run.limits().maxDiskBytes();
        add(cmd, "--size", Long.toString(disk), "--tmpfs", "/tmp");
        add(cmd, "--size", Long.toString(disk), "--tmpfs", WORKDIR);
        // after the sandbox's own /tmp: an interpreter installed under the host's /tmp stays visible
        addInterpreterTrees(cmd, layout, run);
        for (String name : run.inputNames()) {
            add(cmd, "--ro-bind", run.runDir().resolve("in").resolve(name).toString(), WORKDIR + "/" + name);
        }
        // after the inputs: a later mount wins, so no input can take the program's place (inputs named like the
        // program are refused by RunDirectory as well)
        Path program = run.runDir().resolve(programFile(run.programLanguage()));
        add(cmd, "--ro-bind", program.toString(), WORKDIR + "/" + programFile(run.programLanguage()));
        if (run.egress()) {
            // the socket's directory, not the socket: a prestarted sandbox is set up before its proxy listens
            Path inside = Path.of(egressSocketInside);
            String dirInside = inside.resolveSibling(EGRESS_DIR).toString();
            add(cmd, "--ro-bind", run.egressSocket().getParent().toString(), dirInside);
            add(cmd, "--symlink", EGRESS_DIR + "/" + run.egressSocket().getFileName(), egressSocketInside);
            add(cmd, "--ro-bind", run.forwarderScript().toString(), forwarderInside);
        }
        add(cmd, "--chdir", WORKDIR, "--remount-ro", "/", "--seccomp", "3", "--");
        cmd.addAll(perRun.prlimit());
        if (run.egress()) {
            // before the gate: it binds its port while a prestarted sandbox waits, and never sees the secrets
            add(cmd, layout.python().executable().toString(), "-I", "-S", forwarderInside, "--");
        }
        if (run.gated()) {
            add(cmd, "/bin/sh", "-c", WRAPPER, "sh");
        }
        cmd.addAll(programCommand(layout, run));
        return cmd;
    }

    /**
     * The interpreter trees outside {@code /usr} (Python's, the JDK's for Java runs, Node.js's for JavaScript and
     * TypeScript runs) and the Python environment, read-only.
     */
    private static void addInterpreterTrees(List<String> cmd, SandboxLayout layout, Run run) {
        for (Path tree : layout.extraReadOnly()) {
            add(cmd, "--ro-bind", tree.toString(), tree.toString());
        }
        if (layout.pythonEnvironment() != null) {
            // every run: the egress forwarder of a Java run uses the same interpreter
            add(cmd, "--ro-bind", layout.pythonEnvironment().toString(), PYTHON_ENV_INSIDE);
            if (layout.pythonSitePackages() != null) {
                // a bare site-packages directory, over the empty one of the environment made for it
                add(
                        cmd,
                        "--ro-bind",
                        layout.pythonSitePackages().toString(),
                        PYTHON_ENV_INSIDE + "/"
                                + PythonEnvironment.siteRelative(layout.python().version()));
            }
        }
        if (run.language() == Language.JAVA) {
            for (Path tree : layout.javaReadOnly()) {
                add(cmd, "--ro-bind", tree.toString(), tree.toString());
            }
        }
        if (MemoryLimit.isNode(run.language())) {
            for (Path tree : layout.nodeReadOnly()) {
                add(cmd, "--ro-bind", tree.toString(), tree.toString());
            }
        }
    }

    private static List<Path> usrMounts() {
        List<Path> out = new ArrayList<>();
        for (String p : List.of(
                "/usr/bin",
                "/usr/lib64",
                "/usr/lib/locale",
                "/usr/lib/ssl",
                "/usr/share/zoneinfo",
                "/usr/share/ca-certificates")) {
            if (Files.isDirectory(Path.of(p))) {
                out.add(Path.of(p));
            }
        }
        for (String parent : List.of("/usr/lib", "/usr/local/lib")) {
            try (var s = Files.newDirectoryStream(
                    Path.of(parent),
                    e -> e.getFileName().toString().matches("python3(\\.\\d+)?|[a-z0-9_]+-linux-gnu\\w*"))) {
                for (Path d : s) {
                    if (Files.isDirectory(d)) {
                        out.add(d);
                    }
                }
            } catch (IOException e) {
                // no such parent on this host
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** Whether {@code path} lies in one of {@link #USR_MOUNTS}. */
    static boolean mountedFromUsr(Path path) {
        return USR_MOUNTS.stream().anyMatch(path::startsWith);
    }

    private static List<String> systemMounts() {
        List<String> cmd = new ArrayList<>();
        for (Path p : USR_MOUNTS) {
            add(cmd, "--ro-bind", p.toString(), p.toString());
        }
        for (String top : List.of("lib", "lib64", "bin", "sbin")) {
            Path p = Path.of("/" + top);
            if (Files.isSymbolicLink(p)) {
                add(cmd, "--symlink", "usr/" + top, "/" + top);
            } else if (Files.isDirectory(p)) {
                add(cmd, "--ro-bind", p.toString(), p.toString());
            }
        }
        for (String etc : List.of("/etc/ld.so.cache", "/etc/ssl", "/etc/alternatives", "/etc/localtime")) {
            if (Files.exists(Path.of(etc))) {
                add(cmd, "--ro-bind", etc, etc);
            }
        }
        return List.copyOf(cmd);
    }

    /**
     * {@code prlimit} with soft = hard for every limit; memory as {@link MemoryLimit#rlimits} sets it for the
     * language.
     */
    public static List<String> limitsPrefix(Path prlimit, ExecutionLimits l, Language language) {
        List<String> cmd = new ArrayList<>();
        cmd.add(prlimit.toString());
        cmd.addAll(MemoryLimit.rlimits(language, l.memoryBytes()));
        add(
                cmd,
                "--cpu=" + cpuSeconds(l),
                "--nproc=" + l.maxProcesses(),
                "--fsize=" + l.maxFileSizeBytes(),
                "--nofile=" + l.maxOpenFiles(),
                "--core=0",
                "--");
        return List.copyOf(cmd);
    }

    /** RLIMIT_CPU has whole seconds: the CPU limit rounded up. */
    public static long cpuSeconds(ExecutionLimits l) {
        return Math.max(1, (l.cpuTime().toMillis() + 999) / 1000);
    }

    /** The file name the program is written to in the working directory. */
    public static String programFile(Language language) {
        switch (language) {
            case JAVA:
                return "Main.java";
            case JAVASCRIPT:
                return "main.js";
            case TYPESCRIPT:
                return "main.ts";
            default:
                return "main.py";
        }
    }

    /** The interpreter command for the program, as run inside (or, without isolation, in the run dir). */
    public static List<String> programCommand(SandboxLayout layout, Run run) {
        return programCommand(layout, run.programLanguage(), run.limits(), run.egress(), WORKDIR);
    }

    static List<String> programCommand(
            SandboxLayout layout, Language language, ExecutionLimits limits, boolean proxy, String workdir) {
        List<String> cmd = new ArrayList<>();
        if (language == Language.JAVA) {
            cmd.add(layout.javaHome().resolve("bin/java").toString());
            cmd.addAll(MemoryLimit.jvmFlags(limits.memoryBytes()));
            if (proxy) {
                // The JVM ignores *_PROXY; an empty nonProxyHosts stops it bypassing the proxy for localhost.
                add(
                        cmd,
                        "-Dhttps.proxyHost=127.0.0.1",
                        "-Dhttps.proxyPort=3128",
                        "-Dhttp.proxyHost=127.0.0.1",
                        "-Dhttp.proxyPort=3128",
                        "-Dhttp.nonProxyHosts=");
            }
            cmd.add(workdir + "/" + programFile(language));
        } else if (MemoryLimit.isNode(language)) {
            cmd.addAll(NodeCommand.argv(layout.node(), language, limits, workdir + "/" + programFile(language)));
        } else {
            add(cmd, layout.python().executable().toString(), "-I", "-u", workdir + "/" + programFile(language));
        }
        return cmd;
    }

    private static void setenv(List<String> cmd, String name, String value) {
        add(cmd, "--setenv", name, value);
    }

    private static void add(List<String> cmd, String... parts) {
        cmd.addAll(List.of(parts));
    }
}
