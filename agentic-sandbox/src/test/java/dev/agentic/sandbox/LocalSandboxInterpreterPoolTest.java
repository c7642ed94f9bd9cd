package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One-shot runs in pre-started Python interpreters, against the real sandbox. */
class LocalSandboxInterpreterPoolTest {
    private static final LocalSandbox POOLED =
            LocalSandbox.builder().interpreterPool(2).build();

    @AfterAll
    static void close() {
        POOLED.close();
    }

    /** Runs {@code source}, waiting (polling) until a pooled interpreter ran it. */
    private static ExecutionResult pooledRun(LocalSandbox sandbox, ExecutionRequest request)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ExecutionResult r = sandbox.execute(request);
            if (ranPooled(r) || System.nanoTime() > until) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    private static boolean ranPooled(ExecutionResult r) {
        return r.output().notes().stream().anyMatch(n -> n.contains("interpreterPool"));
    }

    @Test
    void aPooledRunLeavesNothingForTheNext() throws Exception {
        ExecutionResult first = pooledRun(
                POOLED,
                ExecutionRequest.of(Code.python("import json, os\n"
                        + "open('left.txt', 'w').write('x')\nopen('/tmp/left.txt', 'w').write('x')\n"
                        + "json.leaked = 'yes'\nos.getcwd = lambda: '/patched'\nimport builtins\nbuiltins.LEAK = 1\n"
                        + "MODULE_LEVEL = 1\nprint('first', os.getcwd())")));
        ExecutionResult second = pooledRun(
                POOLED,
                ExecutionRequest.of(
                        Code.python(
                                "import json, os, builtins\n"
                                        + "print(os.path.exists('left.txt'), os.path.exists('/tmp/left.txt'), hasattr(json, 'leaked'),"
                                        + " os.getcwd(), hasattr(builtins, 'LEAK'), 'MODULE_LEVEL' in globals(), __name__, __file__)")));

        assertThat(ranPooled(first)).as(first.output().notes().toString()).isTrue();
        assertThat(first.stdout()).isEqualTo("first /patched\n");
        assertThat(ranPooled(second)).isTrue();
        assertThat(second.stdout()).isEqualTo("False False False /sandbox False False __main__ /sandbox/main.py\n");
    }

    @Test
    void environmentSecretsExitStatusAndTracebacksAreThoseOfAColdRun() throws Exception {
        String secret = "sk-pool-" + Long.toHexString(System.nanoTime());
        ExecutionResult r = pooledRun(
                POOLED,
                ExecutionRequest.builder()
                        .code(Code.python("import os, sys\nprint(os.environ['REGION'], os.environ['KEY'])\n"
                                + "print(sys.stdin.read() == '')\nraise ValueError('bad input 42')"))
                        .environment("REGION", "eu-west-1")
                        .secret("KEY", secret)
                        .build());
        ExecutionResult exit = pooledRun(POOLED, ExecutionRequest.of(Code.python("import sys\nsys.exit(3)")));

        assertThat(ranPooled(r)).isTrue();
        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stdout()).isEqualTo("eu-west-1 " + Redactor.MASK + "\nTrue\n");
        assertThat(r.stderr())
                .startsWith("Traceback (most recent call last):\n  File \"/sandbox/main.py\", line 4, in <module>")
                .contains("ValueError: bad input 42");
        assertThat(exit).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) exit).exitCode()).isEqualTo(3);
    }

    @Test
    void requestsThePoolCannotServeStartCold() {
        ExecutionResult r = POOLED.execute(ExecutionRequest.builder()
                .code(Code.python("print(open('in.txt').read())"))
                .inputFile("in.txt", "data".getBytes(StandardCharsets.UTF_8))
                .build());

        assertThat(r.stdout()).isEqualTo("data\n");
        assertThat(ranPooled(r)).isFalse();
    }

    @Test
    void aPoolWithNetworkServesAllowlistedRequestsThroughTheRunsOwnProxy() throws Exception {
        try (LocalSandbox withNetwork =
                LocalSandbox.builder().interpreterPoolWithNetwork(1).build()) {
            ExecutionResult r = pooledRun(
                    withNetwork,
                    ExecutionRequest.builder()
                            .code(Code.python("import os, urllib.request\nprint(os.environ['HTTPS_PROXY'])\n"
                                    + "try:\n    urllib.request.urlopen('https://blocked.example.org/', timeout=10)\n"
                                    + "except Exception as e:\n    print('refused')"))
                            .network(NetworkPolicy.allow("api.example.com"))
                            .build());

            assertThat(ranPooled(r)).as(r.output().notes().toString()).isTrue();
            assertThat(r.stdout()).isEqualTo("http://127.0.0.1:3128\nrefused\n");
            assertThat(r.output().network())
                    .anySatisfy(d -> assertThat(d.host()).isEqualTo("blocked.example.org"))
                    .allSatisfy(d -> assertThat(d.allowed()).isFalse());
        }
    }

    @Test
    void sizeZeroDisablesThePool() {
        try (LocalSandbox none = LocalSandbox.builder().interpreterPool(0).build()) {
            ExecutionResult r = none.execute(ExecutionRequest.of(Code.python("print(1)")));

            assertThat(r.stdout()).isEqualTo("1\n");
            assertThat(ranPooled(r)).isFalse();
        }
    }

    @Test
    void closingTheSandboxKillsItsIdleInterpreters() throws Exception {
        Path scratch = Files.createDirectories(Path.of("target", "pool-scratch-" + System.nanoTime()))
                .toRealPath();
        LocalSandbox sandbox =
                LocalSandbox.builder().scratchRoot(scratch).interpreterPool(2).build();
        pooledRun(sandbox, ExecutionRequest.of(Code.python("pass")));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (LocalSandboxSessionTest.hostProcessesNaming(scratch.toString()) < 2 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(scratch.toString()))
                .isGreaterThanOrEqualTo(2);

        sandbox.close();

        until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (LocalSandboxSessionTest.hostProcessesNaming(scratch.toString()) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(scratch.toString()))
                .isZero();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("run-")))
                    .isEmpty();
        }
    }

    @Test
    void afterABurstLargerThanThePoolItRefillsToItsSizeAndCloseLeavesNothing() throws Exception {
        Path scratch = Files.createDirectories(Path.of("target", "pool-burst-" + System.nanoTime()))
                .toRealPath();
        LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(scratch)
                .interpreterPool(3)
                .maxConcurrentRuns(8)
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            awaitRunDirectories(scratch, 3);
            List<Future<ExecutionResult>> burst = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                burst.add(threads.submit(() -> sandbox.execute(ExecutionRequest.of(Code.python("print(" + n + ")")))));
            }
            int pooled = 0;
            for (int i = 0; i < 8; i++) {
                ExecutionResult r = burst.get(i).get(120, TimeUnit.SECONDS);
                assertThat(r.stdout()).as(r.toString()).isEqualTo(i + "\n");
                pooled += ranPooled(r) ? 1 : 0;
            }
            assertThat(pooled).as("the burst found the pool's interpreters").isGreaterThanOrEqualTo(1);

            // every run's directory is gone again and the pool holds its size: three idle interpreters, no more
            awaitRunDirectories(scratch, 3);
            assertThat(runDirectories(scratch)).isEqualTo(3);
            assertThat(ranPooled(sandbox.execute(ExecutionRequest.of(Code.python("pass")))))
                    .isTrue();
        } finally {
            threads.shutdownNow();
            sandbox.close();
        }

        // close() waits for refills in flight and background teardowns: nothing runs and nothing is left
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(scratch.toString()))
                .isZero();
        assertThat(runDirectories(scratch)).isZero();
    }

    @Test
    void aPooledRunReturnsOnlyOnceNothingItStartedStillRuns() throws Exception {
        String marker = "pool-child-" + System.nanoTime();
        ExecutionResult r = pooledRun(
                POOLED,
                ExecutionRequest.of(Code.python("import os, sys\n"
                        + "if os.fork() == 0:\n"
                        + "    os.execv(sys.executable, [sys.executable, '-c', "
                        + "'import time, sys; time.sleep(0.5); print(\"late\", flush=True); time.sleep(60)', '"
                        + marker + "'])\n"
                        + "print('early')")));

        assertThat(ranPooled(r)).isTrue();
        assertThat(r.stdout()).isEqualTo("early\n");
        // checked at once, not polled: the result comes back only after the child is gone
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(marker)).isZero();
    }

    private static long runDirectories(Path scratch) throws Exception {
        try (Stream<Path> entries = Files.list(scratch)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .count();
        }
    }

    /** Polls (generously: the machine may be loaded) until exactly {@code n} run directories exist. */
    @Test
    void theReadyCountsClimbToThePoolSizesRecoverAfterARunAndAreZeroAfterClose() throws Exception {
        LocalSandbox sandbox = LocalSandbox.builder()
                .interpreterPool(2)
                .prestart(Language.PYTHON, 1)
                .build();
        try {
            awaitReady(sandbox::readyInterpreters, 2);
            awaitReady(sandbox::readyPrestarted, 1);

            ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("pass")));
            assertThat(ranPooled(r)).as(r.toString()).isTrue();
            awaitReady(sandbox::readyInterpreters, 2);
            assertThat(sandbox.readyPrestarted()).isEqualTo(1); // the pooled interpreter served the request
        } finally {
            sandbox.close();
        }
        assertThat(sandbox.readyInterpreters()).isZero();
        assertThat(sandbox.readyPrestarted()).isZero();
    }

    private static void awaitReady(IntSupplier ready, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (ready.getAsInt() < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(ready.getAsInt()).isEqualTo(n);
    }

    private static void awaitRunDirectories(Path scratch, int n) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (runDirectories(scratch) != n && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }
}
