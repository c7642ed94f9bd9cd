package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Sandbox} that runs Python must have: output, exit status, wall-clock timeout
 * with partial output, output caps, environment and secrets (redacted), input and output files, isolation
 * between concurrent runs, no network by default, the host's environment and files out of reach, memory and
 * process limits, and stateful sessions. Extend it and implement {@link #sandbox()}; the subclass owns the
 * sandbox (create it once, for example in a static field, and close it in {@code @AfterAll}).
 *
 * <p>Each case that depends on a {@link SandboxCapability} runs only when the sandbox declares it in
 * {@link Sandbox#capabilities()}, and is skipped (a JUnit assumption) otherwise; a sandbox is held to what it
 * claims, never to more. The session cases need {@link SandboxCapability#SESSIONS}; a sandbox without it must
 * refuse {@code openSession} with an {@code UnsupportedCapabilityException}.
 *
 * <p>Every case is a {@code protected} method, so an implementation in any package can replace one that
 * cannot apply to it, with the reason in plain sight:
 * <pre>{@code
 * @Override
 * @Test
 * @Disabled("the remote sandbox shares one /tmp per session by design")
 * protected void aLaterRunDoesNotSeeFilesOfAnEarlierOne() {
 * assumeCapable(SandboxCapability.FILESYSTEM_ISOLATION);
 * }
 * }</pre>
 *
 * <pre>{@code
 * class LocalSandboxContractTest extends SandboxContract {
 *     static final LocalSandbox SANDBOX = LocalSandbox.builder().build();
 *     protected Sandbox sandbox() { return SANDBOX; }
 *     @AfterAll static void close() { SANDBOX.close(); }
 * }
 * }</pre>
 *
 * <p>Programs are short and limits small, so the suite takes seconds on a local sandbox.
 */
@Stable
public abstract class SandboxContract extends SandboxSessionCases {

    /** The sandbox under test; the same instance may be returned for every test. */
    @Override
    protected abstract Sandbox sandbox();

    /** How long a hung program may run before the sandbox must end it; override for slow remote sandboxes. */
    protected Duration shortWallTime() {
        return Duration.ofSeconds(2);
    }

    private ExecutionResult run(ExecutionRequest.Builder request) {
        return sandbox().execute(request.build());
    }

    private static ExecutionRequest.Builder python(String source) {
        return ExecutionRequest.builder().code(Code.python(source));
    }

    @Test
    protected void runsPython() {
        assertThat(sandbox().capabilities().languages()).contains(Language.PYTHON);
    }

    @Test
    protected void capabilitiesStayTheSameForTheSandboxLifetime() {
        assertThat(sandbox().capabilities()).isEqualTo(sandbox().capabilities());
        assertThat(sandbox().capabilities().languages()).isNotEmpty();
    }

    @Test
    protected void helloWorldSucceedsWithStdout() {
        ExecutionResult r = run(python("print('hello, world')"));

        assertThat(r).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(r.stdout()).isEqualTo("hello, world\n");
        assertThat(r.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    protected void nonZeroExitIsFailedWithStderr() {
        ExecutionResult r = run(python("import sys\nprint('about to fail', file=sys.stderr)\nsys.exit(3)"));

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("about to fail");
    }

    @Test
    protected void uncaughtExceptionIsFailedWithTraceback() {
        ExecutionResult r = run(python("raise ValueError('bad input 42')"));

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("ValueError: bad input 42");
    }

    @Test
    protected void wallTimeoutIsTimedOutWithPartialOutputKept() {
        assumeCapable(SandboxCapability.WALL_TIME_LIMIT);
        long start = System.nanoTime();
        ExecutionResult r = run(python("import time\nprint('step 1 done', flush=True)\ntime.sleep(3600)")
                .limits(l -> l.wallTime(shortWallTime())));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(((ExecutionResult.TimedOut) r).limit()).isEqualTo(shortWallTime());
        assertThat(r.stdout()).isEqualTo("step 1 done\n");
        assertThat(took).isLessThan(shortWallTime().plusSeconds(10));
    }

    @Test
    protected void outputOverTheCapIsTruncatedMarkedAndEndsTheRun() {
        assumeCapable(SandboxCapability.OUTPUT_LIMIT);
        long cap = 10_000;
        ExecutionResult r = run(python("import sys\nwhile True:\n    sys.stdout.write('y' * 1023 + '\\n')")
                .limits(l -> l.maxOutputBytes(cap).wallTime(Duration.ofSeconds(20))));

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.OUTPUT);
        assertThat(r.output().stdoutTruncated()).isTrue();
        assertThat(r.stdout().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo((int) cap);
        assertThat(r.stdout()).startsWith("yyyy");
    }

    @Test
    protected void environmentAndSecretsAreVisibleToTheProgramAndTheSecretIsRedacted() {
        assumeCapable(SandboxCapability.ENVIRONMENT, SandboxCapability.SECRETS);
        String secret = "sk-test-" + Long.toHexString(System.nanoTime()) + "-value";
        ExecutionResult r = run(python("import os, sys\n"
                        + "print('region', os.environ['REGION'])\n"
                        + "print('key', os.environ['API_KEY'])\n"
                        + "print('len', len(os.environ['API_KEY']))\n"
                        + "print('again', os.environ['API_KEY'], file=sys.stderr)")
                .environment("REGION", "eu-west-1")
                .secret("API_KEY", secret));

        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout())
                .contains("region eu-west-1")
                .contains("len " + secret.length())
                .contains("key " + Redactor.MASK)
                .doesNotContain(secret);
        assertThat(r.stderr()).contains("again " + Redactor.MASK).doesNotContain(secret);
    }

    @Test
    protected void inputFileIsReadable() {
        assumeCapable(SandboxCapability.INPUT_FILES);
        ExecutionResult r = run(python("print(open('data/in.csv').read().upper(), end='')")
                .inputFile("data/in.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).isEqualTo("A,B\n1,2\n");
    }

    @Test
    protected void outputFileIsCollected() {
        assumeCapable(SandboxCapability.OUTPUT_FILES);
        ExecutionResult r = run(python("import os\nos.makedirs('out', exist_ok=True)\n"
                        + "open('out/result.json', 'w').write('{\"ok\": true}')\nopen('scratch.tmp', 'w').write('x')")
                .outputGlob("out/*.json"));

        assertThat(r.succeeded()).isTrue();
        List<OutputFile> files = r.output().files();
        assertThat(files).extracting(OutputFile::path).containsExactly("out/result.json");
        assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\": true}");
    }

    @Test
    protected void concurrentRunsAreIsolatedFromEachOther() throws Exception {
        assumeCapable(SandboxCapability.ENVIRONMENT, SandboxCapability.FILESYSTEM_ISOLATION);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "run-" + i;
                futures.add(pool.submit(() -> run(python(
                                "import os, time, glob\n"
                                        + "open('mine.txt', 'w').write(os.environ['ID'])\n"
                                        + "open('/tmp/mine.txt', 'w').write(os.environ['ID'])\n"
                                        + "time.sleep(0.5)\n"
                                        + "print(open('mine.txt').read(), open('/tmp/mine.txt').read(), sorted(glob.glob('*.txt')))")
                        .environment("ID", id))));
            }
            for (int i = 0; i < n; i++) {
                ExecutionResult r = futures.get(i).get(120, TimeUnit.SECONDS);
                assertThat(r.succeeded()).as(r.stderr()).isTrue();
                assertThat(r.stdout().strip()).isEqualTo("run-" + i + " run-" + i + " ['mine.txt']");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    protected void aLaterRunDoesNotSeeFilesOfAnEarlierOne() {
        assumeCapable(SandboxCapability.FILESYSTEM_ISOLATION);
        run(python("open('left-behind.txt', 'w').write('x')\nopen('/tmp/left-behind.txt', 'w').write('x')"));

        ExecutionResult r = run(python(
                "import os\nprint(os.path.exists('left-behind.txt'), " + "os.path.exists('/tmp/left-behind.txt'))"));

        assertThat(r.stdout().strip()).isEqualTo("False False");
    }

    @Test
    protected void noNetworkByDefault() {
        assumeCapable(SandboxCapability.NETWORK_ISOLATION);
        ExecutionResult r = run(python("import socket\n"
                + "for target in [('1.1.1.1', 53), ('8.8.8.8', 443), ('example.com', 80)]:\n"
                + "    try:\n"
                + "        socket.create_connection(target, timeout=3).close()\n"
                + "        print('reached', target[0])\n"
                + "    except OSError as e:\n"
                + "        print('blocked', target[0])"));

        assertThat(r.stdout())
                .doesNotContain("reached")
                .contains("blocked 1.1.1.1", "blocked 8.8.8.8", "blocked example.com");
    }

    /**
     * Variable names a sandbox may set for its own reasons, whose host values may coincide with the sandbox's
     * ({@code LANG=C.UTF-8}); {@link #hostEnvironmentIsInvisible} ignores them. Override to add more.
     */
    protected Set<String> ordinaryVariableNames() {
        return Set.of(
                "PATH",
                "HOME",
                "LANG",
                "LANGUAGE",
                "LC_ALL",
                "LC_CTYPE",
                "TMPDIR",
                "TMP",
                "TEMP",
                "PWD",
                "OLDPWD",
                "SHLVL",
                "_",
                "TERM",
                "TZ",
                "HOSTNAME",
                "USER",
                "LOGNAME",
                "SHELL");
    }

    @Test
    protected void hostEnvironmentIsInvisible() {
        assumeCapable(SandboxCapability.ENVIRONMENT);
        Map<String, String> host = new TreeMap<>(System.getenv());
        host.keySet().removeAll(ordinaryVariableNames());
        host.values().removeIf(v -> v.length() < 4);
        assumeTrue(!host.isEmpty(), "this JVM's environment has no distinctive variable to look for");

        ExecutionResult r = run(python("import os\nfor k, v in sorted(os.environ.items()):\n    print(k + '=' + v)")
                .environment("CONTRACT_MARKER", "set-by-the-request"));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        List<String> seen = List.of(r.stdout().split("\n"));
        assertThat(seen).contains("CONTRACT_MARKER=set-by-the-request");
        host.forEach(
                (name, value) -> assertThat(seen).as("host variable %s", name).doesNotContain(name + "=" + value));
    }

    @Test
    protected void writesOutsideTheWorkingDirectoryDoNotReachTheHost() throws IOException {
        assumeCapable(SandboxCapability.FILESYSTEM_ISOLATION);
        String name = "agentic-contract-" + System.nanoTime() + ".txt";
        List<Path> targets = List.of(
                Path.of(System.getProperty("java.io.tmpdir"), name),
                Path.of("/etc", name),
                Path.of(System.getProperty("user.home"), name));
        StringBuilder program = new StringBuilder();
        for (Path t : targets) {
            program.append("try:\n    open('")
                    .append(t)
                    .append("', 'w').write('escaped')\n")
                    .append("except OSError:\n    pass\n");
        }
        try {
            ExecutionResult r = run(python(program.toString()));

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            for (Path t : targets) {
                assertThat(t).as("host file written by the program").doesNotExist();
            }
        } finally {
            for (Path t : targets) {
                Files.deleteIfExists(t);
            }
        }
    }

    @Test
    protected void hostFilesAreNotReadable() throws IOException {
        assumeCapable(SandboxCapability.FILESYSTEM_ISOLATION);
        String content = "host-only-" + System.nanoTime();
        Path hostFile = Files.createTempFile("agentic-contract-", ".txt");
        try {
            Files.writeString(hostFile, content);
            ExecutionResult r = run(python("try:\n    print(open('" + hostFile + "').read())\n"
                    + "except OSError as e:\n    print('unreadable', type(e).__name__)"));

            assertThat(r.stdout()).doesNotContain(content).contains("unreadable");
        } finally {
            Files.deleteIfExists(hostFile);
        }
    }

    @Test
    protected void memoryOverTheLimitEndsTheRunNamingMemory() {
        assumeCapable(SandboxCapability.MEMORY_LIMIT);
        ExecutionResult r = run(python("chunks = []\nfor i in range(32):\n"
                        + "    chunks.append(b'x' * (64 << 20))\n    print('holding', (i + 1) * 64, 'MiB', flush=True)\n"
                        + "print('allocated everything')")
                .limits(l -> l.memoryBytes(256L << 20).wallTime(Duration.ofSeconds(60))));

        assertThat(r.stdout()).doesNotContain("allocated everything");
        assertLimitNamed(r, Limit.MEMORY, "memory");
    }

    @Test
    protected void processesOverTheLimitAreRefused() {
        assumeCapable(SandboxCapability.PROCESS_LIMIT);
        ExecutionResult r = run(python("import os, sys, time\nstarted = 0\ntry:\n    for i in range(64):\n"
                        + "        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n"
                        + "        started += 1\nexcept OSError as e:\n"
                        + "    print('fork refused after', started, 'processes:', e, flush=True)\n    sys.exit(1)\n"
                        + "print('started all', started)")
                .limits(l -> l.maxProcesses(8).wallTime(Duration.ofSeconds(60))));

        assertThat(r.stdout()).doesNotContain("started all");
        assertLimitNamed(r, Limit.PROCESSES, "fork refused");
    }

    /** A run ended by {@code limit}: killed for it, or failed with {@code text} in its output. */
    private static void assertLimitNamed(ExecutionResult r, Limit limit, String text) {
        if (r instanceof ExecutionResult.Killed k) {
            assertThat(k.limit()).as(r.describe()).isEqualTo(limit);
        } else {
            assertThat(r).as(r.describe()).isInstanceOf(ExecutionResult.Failed.class);
            assertThat((r.stdout() + r.stderr()).toLowerCase(Locale.ROOT)).contains(text);
        }
    }
}
