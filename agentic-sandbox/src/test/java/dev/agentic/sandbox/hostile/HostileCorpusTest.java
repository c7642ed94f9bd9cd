package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.secret.Redactor;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program of the hostile corpus (the copy in test resources, plus {@code ../shared/corpus/hostile}
 * when present) with validation off, and checks the outcome on the host. A corpus file this class has no
 * specific expectation for still gets the generic checks: a result within its wall time, no process of it
 * left on the host, the launching JVM's environment not visible, the host responsive.
 */
class HostileCorpusTest {
    private static final Duration WALL = Duration.ofSeconds(8);
    /** The limits of every corpus run unless its case sets others. */
    private static final ExecutionLimits LIMITS = ExecutionLimits.builder()
            .wallTime(WALL)
            .cpuTime(Duration.ofSeconds(5))
            .build();

    private record Case(UnaryOperator<ExecutionRequest.Builder> setup, BiConsumer<ExecutionResult, Long> check) {}

    private static final Map<String, Case> CASES = Map.ofEntries(
            Map.entry("a01_cpu_burn.py", new Case(b -> b.limits(l -> l.cpuTime(Duration.ofSeconds(2))), (r, ms) -> {
                assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
                assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.CPU_TIME);
                assertThat(ms).isLessThan(WALL.toMillis());
            })),
            Map.entry(
                    "a02_ignore_sigterm.py",
                    new Case(b -> b.limits(l -> l.wallTime(Duration.ofMillis(1500))), (r, ms) -> {
                        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
                        assertThat(ms).isLessThan(1500 + 3000);
                    })),
            Map.entry("a03_memory_bomb.py", new Case(b -> b.limits(l -> l.memoryBytes(256L << 20)), (r, ms) -> {
                // RLIMIT_AS refuses the allocation (MemoryError, a failure with a note: the program could print
                // that itself), or the run's cgroup kills it for memory
                if (r instanceof ExecutionResult.Killed k) {
                    assertThat(k.limit()).isEqualTo(Limit.MEMORY);
                } else {
                    assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
                    assertThat(r.stderr()).contains("MemoryError");
                    assertThat(r.output().notes()).anyMatch(n -> n.startsWith("memory: the program's stderr"));
                }
                assertThat(r.stdout()).doesNotContain("250 MiB");
            })),
            Map.entry(
                    "a04_fork_bomb.py",
                    new Case(b -> b.limits(l -> l.maxProcesses(24).wallTime(Duration.ofSeconds(3))), (r, ms) -> {
                        assertThat(r.stdout()).contains("fork refused after");
                        int forks = Integer.parseInt(r.stdout().replaceAll("(?s).*fork refused after (\\d+).*", "$1"));
                        assertThat(forks).isLessThan(24);
                        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
                        Host.assertNoRunLeft();
                    })),
            Map.entry(
                    "a05_disk_fill_many_files.py", new Case(b -> b.limits(l -> l.maxDiskBytes(32L << 20)), (r, ms) -> {
                        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
                        assertThat(r.stderr()).contains("No space left on device");
                        int mib = Integer.parseInt(r.stdout().replaceAll("(?s).*wrote (\\d+) MiB.*", "$1"));
                        assertThat(mib).isLessThanOrEqualTo(32);
                    })),
            Map.entry("a06_stdout_flood.py", new Case(b -> b.limits(l -> l.maxOutputBytes(64 * 1024)), (r, ms) -> {
                assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
                assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.OUTPUT);
                assertThat(r.output().stderrTruncated()).isTrue();
                assertThat(r.stderr().length()).isLessThanOrEqualTo(64 * 1024);
                assertThat(r.stdout().length()).isLessThanOrEqualTo(64 * 1024);
            })),
            Map.entry("b01_daemon_escape.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.succeeded()).isTrue();
                assertThat(r.stdout()).contains("parent exits");
                Host.assertNoProcessLeft("313.131");
            })),
            Map.entry(
                    "b02_timeout_partial_output.py",
                    new Case(b -> b.limits(l -> l.wallTime(Duration.ofMillis(1500))), (r, ms) -> {
                        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
                        assertThat(r.stdout()).isEqualTo("progress: step 1 done\nprogress: step 2 done\n");
                    })),
            Map.entry("b03_persist_for_next_run.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout()).contains("refused /usr/");
                ExecutionResult next = Host.sandbox()
                        .execute(Host.python(
                                        "import json, os\nprint(json.__file__, os.listdir('.'), os.listdir('/tmp'))")
                                .build());
                assertThat(next.stdout())
                        .doesNotContain("PERSISTED")
                        .startsWith("/usr/lib/python3")
                        .contains("['main.py'] []");
            })),
            Map.entry("c01_read_host_secrets.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout()).doesNotContain("READ").contains("DENIED /etc/shadow");
            })),
            Map.entry("c02_parent_environment.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout())
                        .doesNotContain(Host.ENV_CANARY)
                        .doesNotContain("AGENTIC_HOST_CANARY")
                        .doesNotContain("/root")
                        .contains("1 cmdline");
                for (String line : r.stdout().split("\n")) {
                    assertThat(Integer.parseInt(line.split(" ")[0]))
                            .as("only sandbox pids: " + line)
                            .isLessThan(10);
                }
            })),
            Map.entry(
                    "c03_jvm_attach.py",
                    new Case(b -> b, (r, ms) -> assertThat(r.stdout()).startsWith("NONE"))),
            Map.entry("d01_write_outside.py", new Case(b -> b, (r, ms) -> {
                // HOME is the sandbox's own working directory, so "~/agentic-probe" may be written there.
                assertThat(r.stdout().replace("WROTE /sandbox/agentic-probe", ""))
                        .doesNotContain("WROTE");
                for (String p : List.of(
                        "/usr/lib/agentic-probe",
                        "/etc/agentic-probe",
                        "/root/agentic-probe",
                        "/var/tmp/agentic-probe",
                        "/opt/agentic-probe")) {
                    assertThat(Path.of(p)).doesNotExist();
                }
            })),
            Map.entry("d02_symlink_outputs.py", new Case(b -> b.outputGlob("out/*"), (r, ms) -> {
                assertThat(r.succeeded()).isTrue();
                assertThat(r.output().files()).extracting(OutputFile::path).containsExactly("out/real.txt");
                assertThat(String.join("\n", r.output().notes()))
                        .contains("out/passwd.txt skipped")
                        .contains("out/result.json skipped");
                assertThat(ms).isLessThan(5000);
            })),
            Map.entry("e01_network_direct.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout())
                        .doesNotContain("CONNECTED")
                        .doesNotContain("RESOLVED")
                        .contains("NO DNS");
                assertThat(r.stdout()
                                .lines()
                                .filter(l -> l.startsWith("BLOCKED"))
                                .count())
                        .isEqualTo(4);
            })),
            Map.entry("e02_proxy_abuse.py", new Case(b -> b, (r, ms) -> {
                // Without an allowlist there is no proxy at all; the allowlisted run is in EgressHostileTest.
                assertThat(r.stdout()).contains("proxy: None");
            })),
            Map.entry("f01_signals.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout()).contains("-1").contains("sent 1");
                Host.assertHostResponsive();
            })),
            Map.entry("f02_user_namespace.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout())
                        .contains("unshare(NEWUSER) = -1 errno 1")
                        .contains("ptrace(TRACEME) = -1 errno 1");
            })),
            Map.entry("g01_ctypes_system.py", new Case(b -> b, (r, ms) -> {
                assertThat(r.stdout()).containsPattern("uid=18790\\d{5}").doesNotContain("root:");
                assertThat(r.stdout() + r.stderr()).contains("No such file");
            })),
            Map.entry("i01_forged_result.py", new Case(b -> b, (r, ms) -> {
                assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
                assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(3);
            })),
            Map.entry(
                    "i02_secret_echo.py", new Case(b -> b.secret("API_KEY", "sk-live-hostile-0123456789"), (r, ms) -> {
                        assertThat(r.stdout())
                                .contains("the key is " + Redactor.MASK)
                                .doesNotContain("sk-live");
                        assertThat(r.stderr())
                                .contains("again: " + Redactor.MASK)
                                .doesNotContain("sk-live");
                    })));

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramIsContained() throws IOException, URISyntaxException {
        Map<String, String> programs = corpus();
        assertThat(programs).containsKeys(CASES.keySet().toArray(String[]::new));
        List<DynamicTest> tests = new ArrayList<>();
        programs.forEach((name, source) -> tests.add(DynamicTest.dynamicTest(name, () -> runCase(name, source))));
        return tests.stream();
    }

    /**
     * The same programs in pre-started interpreters, those the pool can serve (the corpus's default limits, no
     * input files, no network): the program runs in an interpreter that started before the request, and gets
     * its environment and secrets as JSON on stdin instead of the wrapper's script.
     */
    @TestFactory
    Stream<DynamicTest> everyCorpusProgramThePoolCanServeIsContainedInAPooledInterpreter()
            throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        corpus().forEach((name, source) -> {
            ExecutionRequest request = request(name, source);
            if (request.limits().equals(LIMITS)
                    && request.inputFiles().isEmpty()
                    && request.network().isNone()) {
                tests.add(DynamicTest.dynamicTest(name, () -> runPooledCase(name, request)));
            }
        });
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    private static ExecutionRequest request(String name, String source) {
        Case c = CASES.getOrDefault(name, new Case(b -> b, (r, ms) -> {}));
        ExecutionRequest.Builder b =
                ExecutionRequest.builder().code(Code.python(source)).limits(LIMITS);
        return c.setup().apply(b).build();
    }

    private static void runCase(String name, String source) {
        ExecutionRequest request = request(name, source);
        check(name, request, Host.sandbox());
        Host.assertNoRunLeft();
        Host.assertHostResponsive();
    }

    private static void runPooledCase(String name, ExecutionRequest request) throws InterruptedException {
        LocalSandbox pooled = Host.pooledSandbox(LIMITS);
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (pooled.readyInterpreters() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        ExecutionResult r = check(name, request, pooled);
        assertThat(r.output().notes())
                .as(name + " ran in a pooled interpreter")
                .anyMatch(n -> n.contains("interpreterPool"));
        Host.assertHostResponsive();
    }

    private static ExecutionResult check(String name, ExecutionRequest request, LocalSandbox sandbox) {
        Case c = CASES.getOrDefault(name, new Case(b -> b, (r, ms) -> {}));
        long start = System.nanoTime();
        ExecutionResult r = sandbox.execute(request);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms)
                .as(name + " returned within its wall time")
                .isLessThan(request.limits().wallTime().toMillis() + 5000);
        c.check().accept(r, ms);
        assertThat(r.stdout() + r.stderr()).doesNotContain(Host.ENV_CANARY);
        return r;
    }

    /** Corpus programs by file name: the bundled copy, overridden and extended by the shared corpus. */
    static Map<String, String> corpus() throws IOException, URISyntaxException {
        Map<String, String> programs = new TreeMap<>();
        Path bundled = Path.of(HostileCorpusTest.class.getResource("/hostile").toURI());
        read(bundled, programs);
        for (String rel : List.of("../shared/corpus/hostile", "../../shared/corpus/hostile")) {
            Path shared = Path.of(System.getProperty("user.dir")).resolve(rel).normalize();
            if (Files.isDirectory(shared)) {
                read(shared, programs);
                break;
            }
        }
        return programs;
    }

    private static void read(Path dir, Map<String, String> into) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".py")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    into.put(p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
