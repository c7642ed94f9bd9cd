package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.internal.ProcTree;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalSandbox.Builder#prestart}: sandboxes set up ahead of demand serve one program each, start their
 * wall clock with the request, carry the request's environment and secrets, and disappear on close; requests
 * they cannot serve start cold. Observed through results and the host's process table.
 */
class LocalSandboxPrestartTest {
    private static final String PRESTARTED = "started ahead of the request";
    private static final ExecutionLimits LIMITS = ExecutionLimits.builder()
            .wallTime(Duration.ofSeconds(2))
            .cpuTime(Duration.ofSeconds(2))
            .build();

    private static LocalSandbox prestarted(Path scratch, int count) {
        return LocalSandbox.builder()
                .scratchRoot(scratch)
                .prestart(Language.PYTHON, count)
                .prestartLimits(LIMITS)
                .build();
    }

    private static ExecutionRequest.Builder python(String source) {
        return ExecutionRequest.builder().code(Code.python(source)).limits(LIMITS);
    }

    /** Run directories under {@code scratch} that some host process (bwrap, holding its mounts) names. */
    private static Set<String> liveRunDirs(Path scratch) {
        Pattern runDir = Pattern.compile(Pattern.quote(scratch.toString()) + "/(run-[^/\\s\\x00]+)");
        Set<String> dirs = new TreeSet<>();
        for (long pid : ProcTree.withCommandLineContaining(scratch.toString())) {
            try {
                String cmd = new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
                Matcher m = runDir.matcher(cmd);
                while (m.find()) {
                    dirs.add(m.group(1));
                }
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return dirs;
    }

    /**
     * Waits until {@code n} sandboxes are set up and waiting: their inner wrapper shell exists, seen in three
     * looks in a row (a sandbox still starting, or replaced, can show in one look and not the next).
     */
    private static void awaitIdle(Path scratch, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> dirs = liveRunDirs(scratch);
        int steady = 0;
        while (steady < 3 && System.nanoTime() < until) {
            Thread.sleep(10);
            dirs = liveRunDirs(scratch);
            steady = dirs.size() == n ? steady + 1 : 0;
        }
        assertThat(dirs).as("prestarted sandboxes waiting").hasSize(n);
        Thread.sleep(100); // let bwrap finish its mounts; a run would still be correct without this
    }

    @Test
    void matchingRequestRunsInAPrestartedSandboxAndItsNotesSaySo(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);
            Set<String> waiting = liveRunDirs(scratch);

            ExecutionResult r = sandbox.execute(python("print(6 * 7)").build());

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.stdout()).isEqualTo("42\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
            assertThat(r.output().notes()).anyMatch(n -> n.startsWith("isolation: bubblewrap"));
            awaitIdle(scratch, 1);
            assertThat(liveRunDirs(scratch))
                    .as("the used sandbox is gone, a new one waits")
                    .doesNotContainAnyElementsOf(waiting);
        }
    }

    @Test
    void eachPrestartedSandboxServesExactlyOneProgram(@TempDir Path scratch) throws Exception {
        String probe = "import os\n"
                + "print(os.readlink('/proc/self/ns/pid'), os.path.exists('/tmp/mark'), os.path.exists('mark'))\n"
                + "open('/tmp/mark', 'w').write('x')\nopen('mark', 'w').write('x')\n";
        try (LocalSandbox sandbox = prestarted(scratch, 2)) {
            awaitIdle(scratch, 2);

            ExecutionResult first = sandbox.execute(python(probe).build());
            ExecutionResult second = sandbox.execute(python(probe).build());

            for (ExecutionResult r : new ExecutionResult[] {first, second}) {
                assertThat(r.succeeded()).as(r.describe()).isTrue();
                assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
                assertThat(r.stdout()).as("no file of another run is visible").endsWith(" False False\n");
            }
            String firstNamespace = first.stdout().split(" ")[0];
            assertThat(second.stdout()).as("a fresh pid namespace").doesNotStartWith(firstNamespace + " ");
        }
    }

    @Test
    void idleTimeBeforeTheRequestIsNotChargedToItsWallClock(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);
            Thread.sleep(LIMITS.wallTime().toMillis() + 500);

            ExecutionResult r = sandbox.execute(
                    python("import time\ntime.sleep(0.5)\nprint('done')").build());

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
            assertThat(r.output().duration()).isLessThan(LIMITS.wallTime());
        }
    }

    @Test
    void prestartedRunThatOverrunsIsKilledAndLeavesNoProcessBehind(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);
            Set<String> before = liveRunDirs(scratch);

            // sleeps, so that the wall clock, not the CPU limit of the same length, ends it
            ExecutionResult r = sandbox.execute(python("import time\nprint('waiting', flush=True)\ntime.sleep(60)")
                    .build());

            assertThat(r.status()).isEqualTo("TIMED_OUT");
            assertThat(r.stdout()).isEqualTo("waiting\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
            awaitIdle(scratch, 1);
            assertThat(liveRunDirs(scratch)).as("only the replacement is alive").doesNotContainAnyElementsOf(before);
        }
    }

    @Test
    void environmentAndSecretsReachAPrestartedProgramAndSecretsAreRedacted(@TempDir Path scratch) throws Exception {
        String secret = "sk_live_prestartProbe" + System.nanoTime();
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);

            ExecutionResult r = sandbox.execute(python("import os\nprint(os.environ['REGION'], os.environ['KEY'])")
                    .environment("REGION", "eu-west-1")
                    .secret("KEY", secret)
                    .build());

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
            assertThat(r.stdout()).isEqualTo("eu-west-1 [REDACTED]\n").doesNotContain(secret);
        }
    }

    @Test
    void outputFilesAreCollectedFromAPrestartedSandbox(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);

            ExecutionResult r = sandbox.execute(python("open('report.csv', 'w').write('a,b\\n1,2\\n')")
                    .outputGlob("*.csv")
                    .build());

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
            assertThat(r.output().files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("report.csv");
                assertThat(new String(f.content(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
            });
        }
    }

    @Test
    void requestsNeedingSomethingKnownAtSetUpStartCold(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);
            Set<String> waiting = liveRunDirs(scratch);

            ExecutionResult otherLimits = sandbox.execute(ExecutionRequest.builder()
                    .code(Code.python("print('limits')"))
                    .build());
            ExecutionResult withInput = sandbox.execute(python("print(open('data.txt').read())")
                    .inputFile("data.txt", "input".getBytes(StandardCharsets.UTF_8))
                    .build());
            ExecutionResult withNetwork = sandbox.execute(python("import os\nprint(os.environ['HTTPS_PROXY'])")
                    .network(NetworkPolicy.allow("api.example.com"))
                    .build());

            assertThat(otherLimits.stdout()).isEqualTo("limits\n");
            assertThat(withInput.stdout()).isEqualTo("input\n");
            assertThat(withNetwork.stdout()).startsWith("http://127.0.0.1:");
            for (ExecutionResult r : new ExecutionResult[] {otherLimits, withInput, withNetwork}) {
                assertThat(r.output().notes()).noneMatch(n -> n.contains(PRESTARTED));
            }
            assertThat(liveRunDirs(scratch))
                    .as("the prestarted sandbox still waits")
                    .isEqualTo(waiting);
        }
    }

    @Test
    void javaProgramsCanBePrestartedToo(@TempDir Path scratch) throws Exception {
        ExecutionLimits javaLimits =
                ExecutionLimits.builder().wallTime(Duration.ofSeconds(60)).build();
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(scratch)
                .prestart(Language.JAVA, 1)
                .prestartLimits(javaLimits)
                .build()) {
            awaitIdle(scratch, 1);

            ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                    .limits(javaLimits)
                    .code(Code.java(
                            "class Main { public static void main(String[] a) { System.out.println(6 * 7); } }"))
                    .build());

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.stdout()).isEqualTo("42\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains(PRESTARTED));
        }
    }

    @Test
    void closeKillsEveryIdleSandboxAndDeletesItsRunDirectory(@TempDir Path scratch) throws Exception {
        LocalSandbox sandbox = prestarted(scratch, 3);
        awaitIdle(scratch, 3);

        sandbox.close();

        assertThat(liveRunDirs(scratch)).isEmpty();
        assertThat(ProcTree.withCommandLineContaining(scratch.toString())).isEmpty();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("run-"));
        }
    }

    @Test
    void prestartUnderAMemoryLimitTooSmallForTheLanguageIsRefusedNamingTheMinimum() {
        assertThatThrownBy(() -> LocalSandbox.builder()
                        .prestart(Language.JAVA, 1)
                        .prestartLimits(
                                ExecutionLimits.builder().memoryBytes(64L << 20).build())
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prestartLimits")
                .hasMessageContaining(Long.toString(96L << 20));
    }

    @Test
    void prestartIsRefusedWhereItCannotWork() {
        assertThatThrownBy(() -> LocalSandbox.builder().prestart(Language.PYTHON, 65))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("between 0 and 64");
        assertThatThrownBy(() -> LocalSandbox.builder()
                        .isolation(Isolation.NONE)
                        .prestart(Language.PYTHON, 1)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Isolation.BUBBLEWRAP");
    }

    @Test
    void networkedRequestsRunInPrestartedSandboxesUnderTheirOwnAllowlist(@TempDir Path scratch) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the host".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String local = "127.0.0.1:" + server.getAddress().getPort();
        String fetch = "import urllib.request, urllib.error\n"
                + "try:\n    print(urllib.request.urlopen('http://" + local + "/', timeout=10).read().decode())\n"
                + "except urllib.error.HTTPError as e:\n    print('refused', e.code)\n";
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(scratch)
                .prestartWithNetwork(Language.PYTHON, 2)
                .prestartLimits(LIMITS)
                .allowLoopbackHosts(local)
                .build()) {
            awaitIdle(scratch, 2);

            ExecutionResult allowed = sandbox.execute(
                    python(fetch).network(NetworkPolicy.allow(local)).build());
            ExecutionResult other = sandbox.execute(python(fetch)
                    .network(NetworkPolicy.allow("api.example.com"))
                    .build());

            assertThat(allowed.stdout()).as(allowed.describe()).isEqualTo("hello from the host\n");
            assertThat(allowed.output().network())
                    .singleElement()
                    .satisfies(d -> assertThat(d.allowed()).isTrue());
            assertThat(other.stdout()).as(other.describe()).isEqualTo("refused 403\n");
            assertThat(other.output().network())
                    .singleElement()
                    .satisfies(d -> assertThat(d.allowed()).isFalse());
            for (ExecutionResult r : new ExecutionResult[] {allowed, other}) {
                assertThat(r.output().notes())
                        .anyMatch(n -> n.contains(PRESTARTED))
                        .anyMatch(n -> n.startsWith("network: egress proxy"));
            }
            ExecutionResult none = sandbox.execute(
                    python("import os\nprint(os.environ.get('HTTPS_PROXY'))").build());
            assertThat(none.stdout())
                    .as("a request without network starts cold, with no proxy")
                    .isEqualTo("None\n");
            assertThat(none.output().notes()).noneMatch(n -> n.contains(PRESTARTED));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anIdleSandboxThatDiedIsDiscardedAndTheRunStillSucceeds(@TempDir Path scratch) throws Exception {
        try (LocalSandbox sandbox = prestarted(scratch, 1)) {
            awaitIdle(scratch, 1);
            Set<String> dead = liveRunDirs(scratch);
            for (long pid : ProcTree.withCommandLineContaining(scratch.toString())) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // as the host's OOM killer might
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!liveRunDirs(scratch).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }

            ExecutionResult r = sandbox.execute(python("print('still runs')").build());

            // in a cold sandbox, or in the replacement if it was set up while the dead one was discarded
            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.stdout()).isEqualTo("still runs\n");
            for (String d : dead) {
                assertThat(scratch.resolve(d))
                        .as("the dead sandbox's run directory")
                        .doesNotExist();
            }
            awaitIdle(scratch, 1); // and the pool refills
        }
    }

    @Test
    void closingTheSandboxDuringAPrestartedRunKillsItAndLeavesNothing(@TempDir Path scratch) throws Exception {
        LocalSandbox sandbox = prestarted(scratch, 1);
        awaitIdle(scratch, 1);
        CompletableFuture<ExecutionResult> run = CompletableFuture.supplyAsync(() -> sandbox.execute(
                python("import time\nprint('up', flush=True)\ntime.sleep(30)").build()));
        Thread.sleep(500);

        sandbox.close();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SandboxException.class);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!ProcTree.withCommandLineContaining(scratch.toString()).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(ProcTree.withCommandLineContaining(scratch.toString())).isEmpty();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("run-"));
        }
    }
}
