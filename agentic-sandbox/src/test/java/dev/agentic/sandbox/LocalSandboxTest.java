package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.internal.ProcTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle, secrets handling, scratch hygiene and the explicit no-isolation mode of {@link LocalSandbox}. */
class LocalSandboxTest {

    private static ExecutionRequest.Builder python(String source) {
        return ExecutionRequest.builder().code(Code.python(source));
    }

    @Test
    void secretValueIsNeverOnAHostCommandLineNorLeftInAFile(@TempDir Path scratch) throws Exception {
        String secret = "sk-cmdline-probe-" + System.nanoTime();
        try (LocalSandbox sandbox = LocalSandbox.builder().scratchRoot(scratch).build()) {
            CompletableFuture<ExecutionResult> run = CompletableFuture.supplyAsync(() -> sandbox.execute(
                    python("import time, os\nassert os.environ['K']\nprint('started', flush=True)\ntime.sleep(1.5)")
                            .secret("K", secret)
                            .build()));
            Thread.sleep(700);
            List<String> seen = new ArrayList<>();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                    try {
                        String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                        if (cmd.contains(secret)) {
                            seen.add(p + " " + cmd.replace('\0', ' '));
                        }
                    } catch (IOException e) {
                        // process ended
                    }
                });
            }
            List<Path> filesWithSecret = new ArrayList<>();
            try (Stream<Path> files = Files.walk(scratch)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(secret)) {
                            filesWithSecret.add(f);
                        }
                    } catch (IOException e) {
                        // removed meanwhile
                    }
                });
            }
            ExecutionResult r = run.get(30, TimeUnit.SECONDS);

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(seen).as("command lines containing the secret").isEmpty();
            assertThat(filesWithSecret)
                    .as("scratch files containing the secret")
                    .isEmpty();
        }
    }

    @Test
    void environmentValuesWithShellMetacharactersArriveVerbatim() {
        String value = "it's $(id) `uname` \\ \"q\" ; exit 3\nsecond line";
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            ExecutionResult r = sandbox.execute(python("import os, sys\nsys.stdout.write(os.environ['V'])")
                    .environment("V", value)
                    .build());

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo(value);
        }
    }

    @Test
    void everyRunsScratchDirectoryIsDeletedAfterwards(@TempDir Path scratch) throws IOException {
        try (LocalSandbox sandbox = LocalSandbox.builder().scratchRoot(scratch).build()) {
            sandbox.execute(python("open('x', 'w').write('y')")
                    .inputFile("in.txt", new byte[] {1})
                    .build());
            sandbox.execute(python("import time\ntime.sleep(5)")
                    .limits(l -> l.wallTime(Duration.ofMillis(300)))
                    .build());
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("seccomp-"));
        }
    }

    @Test
    void closeKillsRunningProgramsAndRefusesNewRuns(@TempDir Path scratch) throws Exception {
        LocalSandbox sandbox = LocalSandbox.builder().scratchRoot(scratch).build();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ExecutionResult>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> sandbox.execute(python("import time\ntime.sleep(161.803)")
                        .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                        .build())));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcTree.withCommandLineContaining(scratch.toString()).size() < 6 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(500); // the programs are sleeping now
            long start = System.nanoTime();
            sandbox.close();
            for (Future<ExecutionResult> f : runs) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SandboxException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(100);
            assertThat(ProcTree.withCommandLineContaining(scratch.toString())).isEmpty();
            assertThatThrownBy(() -> sandbox.execute(python("pass").build()))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("closed");
        } finally {
            pool.shutdownNow();
            sandbox.close();
        }
    }

    @Test
    void killingBwrapDuringItsSetUpLeavesNoSandboxProcessBehind(@TempDir Path scratch) throws Exception {
        // A wall time shorter than bwrap's set-up kills bwrap before its child has a parent-death signal.
        try (LocalSandbox sandbox = LocalSandbox.builder().scratchRoot(scratch).build()) {
            for (int i = 0; i < 12; i++) {
                ExecutionResult r = sandbox.execute(python("import time\ntime.sleep(30)")
                        .limits(l -> l.wallTime(Duration.ofMillis(1)))
                        .build());
                assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            }
        }
        Thread.sleep(200);
        assertThat(ProcTree.withCommandLineContaining(scratch.toString())).isEmpty();
    }

    @Test
    void maxConcurrentRunsQueuesTheRest() throws Exception {
        try (LocalSandbox sandbox = LocalSandbox.builder().maxConcurrentRuns(1).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                long start = System.nanoTime();
                Future<ExecutionResult> a = pool.submit(() ->
                        sandbox.execute(python("import time\ntime.sleep(0.6)").build()));
                Future<ExecutionResult> b = pool.submit(() ->
                        sandbox.execute(python("import time\ntime.sleep(0.6)").build()));
                assertThat(a.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
                assertThat(b.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1200));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void resultNotesSayWhichLimitWasEnforcedByWhat() {
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            ExecutionResult r = sandbox.execute(python("pass").build());

            assertThat(r.output().notes())
                    .anyMatch(n -> n.startsWith("memory: ") && n.contains("for the whole run"))
                    .anyMatch(n -> n.startsWith("cpu time: ") && n.contains("for the whole run"))
                    .anyMatch(n -> n.startsWith("rlimits per process") && n.contains("RLIMIT_AS"))
                    .anyMatch(n -> n.startsWith("wall time:"))
                    .anyMatch(n -> n.startsWith("network: none"))
                    .anyMatch(n -> n.contains("seccomp"));
        }
    }

    @Test
    void isolationNoneIsExplicitRunsTheProgramAndSaysSo(@TempDir Path scratch) {
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            ExecutionResult r =
                    sandbox.execute(python("import os\nprint(os.environ['A'], os.getcwd().endswith('work'))\n"
                                    + "open('o.txt', 'w').write('z')")
                            .environment("A", "b")
                            .outputGlob("o.txt")
                            .build());

            assertThat(sandbox.isolation()).isEqualTo(Isolation.NONE);
            assertThat(r.stdout().strip()).isEqualTo("b True");
            assertThat(r.output().files()).hasSize(1);
            assertThat(r.output().notes()).anyMatch(n -> n.startsWith("isolation: NONE"));
        }
        assertThat(LocalSandbox.builder()).extracting("isolation").isEqualTo(Isolation.BUBBLEWRAP);
    }

    @Test
    void isolationNoneStillEnforcesTheWallClock(@TempDir Path scratch) {
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            ExecutionResult r = sandbox.execute(python("import time\nprint('a', flush=True)\ntime.sleep(30)")
                    .limits(l -> l.wallTime(Duration.ofMillis(500)))
                    .build());

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(r.stdout()).isEqualTo("a\n");
        }
    }

    @Test
    void unsupportedLanguageIsASandboxExceptionNamingWhatIsSupported() throws IOException {
        try (LocalSandbox sandbox =
                LocalSandbox.builder().nodeExecutable(TestNode.fake("v20.1.0")).build()) {
            assertThatThrownBy(() -> sandbox.execute(ExecutionRequest.of(new Code(Language.TYPESCRIPT, "1"))))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("PYTHON");
        }
    }

    @Test
    void interpreterInsideAnUnreadableHomeIsRefusedWithAFix() {
        Path pyenv = Path.of("/root/.pyenv/shims/python3");
        Assumptions.assumeTrue(Files.isExecutable(pyenv), "needs a pyenv python under /root");
        assertThatThrownBy(() -> LocalSandbox.builder().python(pyenv).build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("/usr/bin/python3");
    }

    @Test
    void bubblewrapThatCannotSetTheSandboxUpIsASandboxExceptionSayingWhatToCheck(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "needs a root JVM: bwrap then runs as the unprivileged sandbox uid");
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));

        // the sandbox uid cannot enter "locked", so bwrap fails to bind-mount the program from the run directory
        assertThatThrownBy(() -> LocalSandbox.builder()
                        .scratchRoot(locked.resolve("scratch"))
                        .build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("bubblewrap could not set up the sandbox: bwrap: ")
                .hasMessageContaining("readable by the sandbox uid");
    }
}
