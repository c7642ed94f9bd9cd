package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Sandbox} that runs Python must have: output, exit status, wall-clock timeout
 * with partial output, output caps, environment and secrets (redacted), input and output files, and
 * isolation between concurrent runs. Extend it and implement {@link #sandbox()}; the subclass owns the
 * sandbox (create it once, for example in a static field, and close it in {@code @AfterAll}).
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
public abstract class SandboxContract {

    /** The sandbox under test; the same instance may be returned for every test. */
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
    void runsPython() {
        assertThat(sandbox().capabilities().languages()).contains(Language.PYTHON);
    }

    @Test
    void helloWorldSucceedsWithStdout() {
        ExecutionResult r = run(python("print('hello, world')"));

        assertThat(r).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(r.stdout()).isEqualTo("hello, world\n");
        assertThat(r.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void nonZeroExitIsFailedWithStderr() {
        ExecutionResult r = run(python("import sys\nprint('about to fail', file=sys.stderr)\nsys.exit(3)"));

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("about to fail");
    }

    @Test
    void uncaughtExceptionIsFailedWithTraceback() {
        ExecutionResult r = run(python("raise ValueError('bad input 42')"));

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("ValueError: bad input 42");
    }

    @Test
    void wallTimeoutIsTimedOutWithPartialOutputKept() {
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
    void outputOverTheCapIsTruncatedMarkedAndEndsTheRun() {
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
    void environmentAndSecretsAreVisibleToTheProgramAndTheSecretIsRedacted() {
        String secret = "sk-test-" + Long.toHexString(System.nanoTime()) + "-value";
        ExecutionResult r = run(python("import os, sys\n"
                + "print('region', os.environ['REGION'])\n"
                + "print('key', os.environ['API_KEY'])\n"
                + "print('len', len(os.environ['API_KEY']))\n"
                + "print('again', os.environ['API_KEY'], file=sys.stderr)")
                .environment("REGION", "eu-west-1").secret("API_KEY", secret));

        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).contains("region eu-west-1").contains("len " + secret.length())
                .contains("key " + Redactor.MASK).doesNotContain(secret);
        assertThat(r.stderr()).contains("again " + Redactor.MASK).doesNotContain(secret);
    }

    @Test
    void inputFileIsReadable() {
        ExecutionResult r = run(python("print(open('data/in.csv').read().upper(), end='')")
                .inputFile("data/in.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).isEqualTo("A,B\n1,2\n");
    }

    @Test
    void outputFileIsCollected() {
        ExecutionResult r = run(python("import os\nos.makedirs('out', exist_ok=True)\n"
                + "open('out/result.json', 'w').write('{\"ok\": true}')\nopen('scratch.tmp', 'w').write('x')")
                .outputGlob("out/*.json"));

        assertThat(r.succeeded()).isTrue();
        List<OutputFile> files = r.output().files();
        assertThat(files).extracting(OutputFile::path).containsExactly("out/result.json");
        assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\": true}");
    }

    @Test
    void concurrentRunsAreIsolatedFromEachOther() throws Exception {
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "run-" + i;
                futures.add(pool.submit(() -> run(python("import os, time, glob\n"
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
    void aLaterRunDoesNotSeeFilesOfAnEarlierOne() {
        run(python("open('left-behind.txt', 'w').write('x')\nopen('/tmp/left-behind.txt', 'w').write('x')"));

        ExecutionResult r = run(python("import os\nprint(os.path.exists('left-behind.txt'), "
                + "os.path.exists('/tmp/left-behind.txt'))"));

        assertThat(r.stdout().strip()).isEqualTo("False False");
    }
}
