package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BwrapCommandTest {
    private static final Path RUN_DIR = Path.of("/scratch/run-1");

    private final SandboxLayout layout = SandboxLayout.builder(
                    HostTools.discover(true),
                    new HostTools.PythonInstall(Path.of("/usr/bin/python3.11"), Path.of("/usr"), "3.11"))
            .javaHome(Path.of("/usr/lib/jvm/jdk"))
            .extraReadOnly(List.of(Path.of("/opt/py")))
            .seccompFile(Path.of("/scratch/seccomp.bpf"))
            .dropPrivileges(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"))
            .sandboxUid(65534)
            .build();

    private List<String> argv(Language language) {
        ExecutionLimits limits = ExecutionLimits.builder()
                .memoryBytes(256L << 20)
                .cpuTime(Duration.ofMillis(1500))
                .maxProcesses(16)
                .maxDiskBytes(32L << 20)
                .build();
        return BwrapCommand.build(
                layout,
                run(language).inputs("data/in.csv").limits(limits).gated().build(),
                null,
                null);
    }

    @Test
    void isolatesWithEveryNamespaceAndNoNestedUserNamespaces() {
        List<String> a = argv(Language.PYTHON);

        assertThat(a)
                .containsSubsequence(
                        "/usr/bin/setpriv",
                        "/usr/bin/bwrap",
                        "--unshare-all",
                        "--unshare-user",
                        "--disable-userns",
                        "--cap-drop",
                        "ALL",
                        "--die-with-parent",
                        "--new-session",
                        "--clearenv");
        assertThat(a).containsSubsequence("--remount-ro", "/", "--seccomp", "3", "--");
        assertThat(String.join(" ", a))
                .contains("--size 33554432 --tmpfs /tmp")
                .contains("--size 33554432 --tmpfs /sandbox")
                .contains("--ro-bind /opt/py /opt/py")
                .contains("--ro-bind /scratch/run-1/in/data/in.csv /sandbox/data/in.csv")
                .doesNotContain("--bind /scratch")
                .doesNotContain("/root")
                .doesNotContain("--share-net");
    }

    @Test
    void jdkTreesAreMountedForJavaRunsOnly() {
        SandboxLayout withJdk = layout.toBuilder()
                .javaHome(Path.of("/opt/jdk"))
                .javaReadOnly(List.of(Path.of("/opt/jdk"), Path.of("/etc/java-17-openjdk")))
                .build();
        BwrapCommand.Run py = run(Language.PYTHON).build();
        BwrapCommand.Run java = run(Language.JAVA).build();

        assertThat(String.join(" ", BwrapCommand.build(withJdk, py, null, null)))
                .contains("--ro-bind /opt/py /opt/py")
                .doesNotContain("/opt/jdk")
                .doesNotContain("/etc/java-17-openjdk");
        assertThat(String.join(" ", BwrapCommand.build(withJdk, java, null, null)))
                .contains("--ro-bind /opt/py /opt/py")
                .contains("--ro-bind /opt/jdk /opt/jdk")
                .contains("--ro-bind /etc/java-17-openjdk /etc/java-17-openjdk");
    }

    @Test
    void nodeTreeAndVariablesAreForJavaScriptRunsOnlyAndTheProxySwitchOnlyWithEgress() {
        SandboxLayout withNode = layout.toBuilder()
                .node(new NodeRuntime(Path.of("/opt/node24/bin/node"), Path.of("/opt/node24"), 24, 22))
                .build();
        BwrapCommand.Run py = run(Language.PYTHON).build();
        BwrapCommand.Run js = run(Language.JAVASCRIPT).build();
        BwrapCommand.Run jsNet = run(Language.JAVASCRIPT).egress().build();

        String python = String.join(" ", BwrapCommand.build(withNode, py, null, null));
        String node = String.join(" ", BwrapCommand.build(withNode, js, null, null));
        String nodeNet = String.join(" ", BwrapCommand.build(withNode, jsNet, "/run/egress.sock", "/run/fwd.py"));

        assertThat(python).doesNotContain("/opt/node24").doesNotContain("UV_THREADPOOL_SIZE");
        assertThat(node)
                .contains("--ro-bind /opt/node24 /opt/node24")
                .contains("--setenv UV_THREADPOOL_SIZE 2")
                .doesNotContain("NODE_USE_ENV_PROXY")
                .contains("--ro-bind /scratch/run-1/main.js /sandbox/main.js")
                .contains("--data=")
                .endsWith("/opt/node24/bin/node --max-old-space-size=384 --v8-pool-size=1 /sandbox/main.js");
        assertThat(nodeNet).contains("--setenv NODE_USE_ENV_PROXY 1").contains("--setenv HTTPS_PROXY");
    }

    @Test
    void aPythonDriverForANodeSessionRunsPythonWithNodesMountsAndMemoryRlimits() {
        SandboxLayout withNode = layout.toBuilder()
                .node(new NodeRuntime(Path.of("/opt/node24/bin/node"), Path.of("/opt/node24"), 24, 11))
                .build();
        ExecutionLimits limits =
                ExecutionLimits.builder().memoryBytes(256L << 20).build();
        BwrapCommand.Run driver = run(Language.JAVASCRIPT)
                .inputs("session_interpreter.js")
                .limits(limits)
                .pythonDriver()
                .build();

        String a = String.join(" ", BwrapCommand.build(withNode, driver, null, null));

        assertThat(a)
                .contains("--ro-bind /opt/node24 /opt/node24")
                .contains("--ro-bind /scratch/run-1/main.py /sandbox/main.py")
                .contains("--ro-bind /scratch/run-1/in/session_interpreter.js /sandbox/session_interpreter.js")
                .contains("--data=")
                .doesNotContain("--as=" + (256L << 20) + " ")
                .endsWith("/usr/bin/python3.11 -I -u /sandbox/main.py")
                .doesNotContain("main.js");
    }

    @Test
    void withRunCgroupTheLauncherJoinsItBeforeExecingBwrap() {
        BwrapCommand.Run py = run(Language.PYTHON).build();

        BwrapCommand.PerRun perRun = new BwrapCommand.PerRun(
                List.of(Path.of("/cg/memory/run-1/cgroup.procs"), Path.of("/cg/pids/run-1/cgroup.procs")),
                List.of("/usr/bin/prlimit", "--"),
                true,
                70001);
        List<String> a = BwrapCommand.build(layout, py, null, null, perRun);

        assertThat(a.subList(0, 10))
                .containsExactly(
                        layout.tools().shell().toString(),
                        "-c",
                        BwrapCommand.CGROUP_LAUNCHER,
                        layout.seccompNoMemfdFile().toString(),
                        "/scratch/run-1/" + BwrapCommand.STATUS_FILE,
                        "2",
                        "/cg/memory/run-1/cgroup.procs",
                        "/cg/pids/run-1/cgroup.procs",
                        "/usr/bin/setpriv",
                        "--reuid=70001");
        assertThat(BwrapCommand.CGROUP_LAUNCHER).contains("echo $$ >\"$1\" || exit 125;");
        assertThat(BwrapCommand.build(layout, py, null, null).get(2)).isEqualTo(BwrapCommand.LAUNCHER);
    }

    @Test
    void limitsAreSetSoftEqualsHardWithCpuRoundedUp() {
        List<String> a = argv(Language.PYTHON);

        assertThat(a)
                .containsSubsequence(
                        "/usr/bin/prlimit",
                        "--as=268435456",
                        "--cpu=2",
                        "--nproc=16",
                        "--fsize=67108864",
                        "--nofile=256",
                        "--core=0",
                        "--");
        assertThat(a.subList(a.size() - 8, a.size()))
                .containsExactly(
                        "/bin/sh",
                        "-c",
                        BwrapCommand.WRAPPER,
                        "sh",
                        "/usr/bin/python3.11",
                        "-I",
                        "-u",
                        "/sandbox/main.py");
    }

    @Test
    void javaRunsTheSourceLauncherWithFlagsThatFitTheMemoryLimit() {
        List<String> a = argv(Language.JAVA);

        assertThat(a)
                .containsSubsequence(
                        "/usr/lib/jvm/jdk/bin/java",
                        "-Xms128m",
                        "-Xmx128m",
                        "-Xss512k",
                        "-XX:+UseSerialGC",
                        "-XX:ActiveProcessorCount=1",
                        "/sandbox/Main.java");
    }

    @Test
    void javaMemoryIsLimitedAsDataWithAnAddressSpaceCeilingAndPythonAsAddressSpace() {
        assertThat(argv(Language.JAVA))
                .containsSubsequence("/usr/bin/prlimit", "--data=268435456", "--as=" + (1280L << 20), "--cpu=2")
                .noneMatch(s -> s.equals("--as=268435456"));
        assertThat(argv(Language.PYTHON)).noneMatch(s -> s.startsWith("--data="));
    }

    @Test
    void environmentScriptQuotesEveryValue() {
        String script = new String(EnvScript.of(Map.of("A", "it's $(rm -rf /) `x`\nnext")), StandardCharsets.UTF_8);

        assertThat(script)
                .isEqualTo("NL=$(printf '\\nx'); NL=${NL%x}\n" + "export A='it'\\''s $(rm -rf /) `x`'\"$NL\"'next'\n");
        assertThat(new String(EnvScript.of(Map.of("B", "plain")), StandardCharsets.UTF_8))
                .isEqualTo("export B='plain'\n");
    }

    @Test
    void outputNamesAreSanitised() {
        assertThat(OutputCollector.sanitise("a\nb\u001b[2J\uFFFDc")).isEqualTo("a_b_[2J_c");
        assertThat(OutputCollector.sanitise("..")).isEqualTo("_..");
        assertThat(OutputCollector.sanitise("x".repeat(300))).hasSize(200);
    }

    @Test
    void egressMountsTheSocketsDirectoryAndStartsTheForwarderBeforeTheGate() {
        BwrapCommand.Run run = run(Language.PYTHON).egress().gated().build();

        List<String> a = BwrapCommand.build(layout, run, "/run/egress.sock", "/run/forwarder.py");

        assertThat(String.join(" ", a))
                .contains("--ro-bind /scratch/run-1/egress /run/egress")
                .contains("--symlink egress/proxy.sock /run/egress.sock")
                .contains("--ro-bind /scratch/run-1/forwarder.py /run/forwarder.py")
                .contains("--setenv HTTPS_PROXY http://127.0.0.1:3128");
        assertThat(a)
                .containsSubsequence(
                        "/run/forwarder.py",
                        "--",
                        "/bin/sh",
                        "-c",
                        BwrapCommand.WRAPPER,
                        "sh",
                        "/usr/bin/python3.11",
                        "-I",
                        "-u",
                        "/sandbox/main.py");
    }

    /** A run of {@code language} in {@link #RUN_DIR}: default limits, no inputs, no egress, not gated. */
    private static RunSpec run(Language language) {
        return new RunSpec(language);
    }

    /** The parts of a {@link BwrapCommand.Run} the tests vary; everything else keeps the default of {@link #run}. */
    private static final class RunSpec {
        private final Language language;
        private List<String> inputs = List.of();
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private boolean egress;
        private boolean gated;
        private boolean pythonDriver;

        private RunSpec(Language language) {
            this.language = language;
        }

        RunSpec inputs(String... names) {
            inputs = List.of(names);
            return this;
        }

        RunSpec limits(ExecutionLimits value) {
            limits = value;
            return this;
        }

        /** Egress through {@code egress/proxy.sock} in the run directory, with the forwarder beside it. */
        RunSpec egress() {
            egress = true;
            return this;
        }

        RunSpec gated() {
            gated = true;
            return this;
        }

        RunSpec pythonDriver() {
            pythonDriver = true;
            return this;
        }

        BwrapCommand.Run build() {
            return new BwrapCommand.Run(
                    language,
                    RUN_DIR,
                    inputs,
                    limits,
                    egress ? RUN_DIR.resolve("egress/proxy.sock") : null,
                    egress ? RUN_DIR.resolve("forwarder.py") : null,
                    egress ? List.of("HTTPS_PROXY", "http://127.0.0.1:3128") : List.of(),
                    gated,
                    pythonDriver);
        }
    }
}
