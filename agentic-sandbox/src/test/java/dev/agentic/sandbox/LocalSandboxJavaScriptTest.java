package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot JavaScript runs in a real bubblewrap {@link LocalSandbox} with the test's Node.js ({@link TestNode}):
 * the same behaviours the sandbox contract checks for Python (output, failures, timeouts, caps, environment and
 * secrets, files, memory and process limits), plus what is specific to Node.js.
 */
class LocalSandboxJavaScriptTest {
    private static final LocalSandbox SANDBOX =
            LocalSandbox.builder().nodeExecutable(TestNode.path()).build();

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    static ExecutionRequest.Builder js(String source) {
        return ExecutionRequest.builder()
                .code(new Code(Language.JAVASCRIPT, source))
                .limits(l -> l.wallTime(Duration.ofSeconds(60)));
    }

    @Test
    void sandboxDeclaresJavaScript() {
        assertThat(SANDBOX.capabilities().languages()).contains(Language.JAVASCRIPT, Language.PYTHON);
    }

    @Test
    void helloWorldSucceedsWithStdout() {
        ExecutionResult r = SANDBOX.execute(js("console.log('hello', 6 * 7)").build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("hello 42\n");
        assertThat(r.output().notes()).anyMatch(n -> n.contains("--max-old-space-size"));
    }

    @Test
    void uncaughtErrorIsFailedWithTheStackOnStderr() {
        ExecutionResult r = SANDBOX.execute(js("function f() { throw new TypeError('bad input 42'); }\nf();")
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("TypeError: bad input 42").contains("main.js");
    }

    @Test
    void exitCodeIsKept() {
        ExecutionResult r = SANDBOX.execute(js("process.exitCode = 3").build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(3);
    }

    @Test
    void wallTimeoutIsTimedOutWithPartialOutputKept() {
        ExecutionResult r = SANDBOX.execute(js("console.log('step 1 done'); setInterval(() => {}, 1000);")
                .limits(l -> l.wallTime(Duration.ofSeconds(3)))
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(r.stdout()).isEqualTo("step 1 done\n");
    }

    @Test
    void outputOverTheCapIsTruncatedAndEndsTheRun() {
        ExecutionResult r = SANDBOX.execute(js("const l = 'y'.repeat(1023) + '\\n'; for (;;) process.stdout.write(l);")
                .limits(l -> l.maxOutputBytes(10_000).wallTime(Duration.ofSeconds(30)))
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.OUTPUT);
        assertThat(r.output().stdoutTruncated()).isTrue();
    }

    @Test
    void environmentAndSecretsReachProcessEnvAndTheSecretIsRedacted() {
        String secret = "sk-js-" + Long.toHexString(System.nanoTime()) + "-value";
        ExecutionResult r = SANDBOX.execute(js("console.log('region', process.env.REGION);\n"
                        + "console.log('key', process.env.API_KEY);\n"
                        + "console.log('len', process.env.API_KEY.length);\n"
                        + "console.error('again', process.env.API_KEY);\n"
                        + "console.log('home', process.env.HOME, 'user', process.env.USER);")
                .environment("REGION", "eu-west-1")
                .secret("API_KEY", secret)
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .contains("region eu-west-1")
                .contains("key " + Redactor.MASK)
                .contains("len " + secret.length())
                .contains("home /sandbox user undefined")
                .doesNotContain(secret);
        assertThat(r.stderr()).contains("again " + Redactor.MASK).doesNotContain(secret);
    }

    @Test
    void inputFileIsReadableAndAWrittenFileIsCollected() {
        ExecutionResult r = SANDBOX.execute(js("const fs = require('fs');\n"
                        + "const t = fs.readFileSync('data/in.csv', 'utf8').toUpperCase();\n"
                        + "fs.mkdirSync('out', {recursive: true});\n"
                        + "fs.writeFileSync('out/result.json', JSON.stringify({t}));\n"
                        + "fs.writeFileSync('scratch.tmp', 'x');")
                .inputFile("data/in.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .outputGlob("out/*.json")
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        List<OutputFile> files = r.output().files();
        assertThat(files).extracting(OutputFile::path).containsExactly("out/result.json");
        assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"A,B\\n1,2\\n\"}");
    }

    @Test
    void stdinIsEmpty() {
        ExecutionResult r = SANDBOX.execute(
                js("const d = require('fs').readFileSync(0, 'utf8');\n" + "console.log('stdin bytes', d.length);")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("stdin bytes 0\n");
    }

    @Test
    void asyncFileSystemWorkRunsOnTheSmallThreadPool() {
        ExecutionResult r = SANDBOX.execute(js("const fs = require('fs/promises');\n"
                        + "(async () => {\n"
                        + "  await Promise.all([...Array(20).keys()].map(i => fs.writeFile('f' + i, 'x'.repeat(i))));\n"
                        + "  const n = (await fs.readdir('.')).filter(f => f.startsWith('f')).length;\n"
                        + "  console.log('files', n, 'pool', process.env.UV_THREADPOOL_SIZE);\n"
                        + "})();")
                .limits(l -> l.maxProcesses(16).wallTime(Duration.ofSeconds(60)))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("files 20 pool 2\n");
    }

    @Test
    void heapPastTheLimitEndsTheRunAndItsNotesSayHowMemoryIsLimited() {
        ExecutionResult r = SANDBOX.execute(js("const a = []; for (;;) a.push(new Array(100000).fill(1.5));")
                .limits(l -> l.memoryBytes(128L << 20).wallTime(Duration.ofSeconds(60)))
                .build());

        assertThat(r.succeeded()).isFalse();
        assertThat(r).isNotInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(r.output().notes())
                .anyMatch(n -> n.contains("RLIMIT_DATA") && n.contains("--max-old-space-size=32"));
        if (!(r instanceof ExecutionResult.Killed k && k.limit() == Limit.MEMORY)) {
            assertThat(r.stderr()).contains("JavaScript heap out of memory");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("allocation refused"));
        }
    }

    @Test
    void nativeMemoryPastTheLimitEndsTheRunForMemory() {
        ExecutionResult r = SANDBOX.execute(js("const a = []; for (;;) a.push(Buffer.alloc(8 << 20, 1));")
                .limits(l -> l.memoryBytes(128L << 20).wallTime(Duration.ofSeconds(60)))
                .build());

        // the run's cgroup kills it, or (Node 24, whose code range counts against RLIMIT_DATA) the per-process
        // rlimit refuses the allocation first and Node.js says so
        assertThat(r.succeeded()).isFalse();
        if (r instanceof ExecutionResult.Killed k) {
            assertThat(k.limit()).as(r.stderr()).isEqualTo(Limit.MEMORY);
        } else {
            assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
            assertThat(r.stderr()).contains("ERR_MEMORY_ALLOCATION_FAILED");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("allocation refused"));
        }
    }

    @Test
    void nodeStartsAndDoesAsyncWorkUnderASmallProcessLimit() {
        // main thread, one V8 worker, the libuv pool of two and Node's own helper threads all count
        ExecutionResult r = SANDBOX.execute(js("require('fs').promises.readFile('/etc/ld.so.cache')\n"
                        + "  .then(b => console.log('threads', require('fs').readdirSync('/proc/self/task').length));")
                .limits(l -> l.maxProcesses(8).wallTime(Duration.ofSeconds(60)))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).startsWith("threads ");
        assertThat(Integer.parseInt(r.stdout().trim().split(" ")[1])).isLessThanOrEqualTo(8);
    }

    @Test
    void withoutCgroupsNodeRunsUnderTheFallbackFilterAndTheSupervisorEndsARunOverItsMemory() {
        try (LocalSandbox fallback = LocalSandbox.builder()
                .nodeExecutable(TestNode.path())
                .cgroups(false)
                .build()) {
            ExecutionResult hello = fallback.execute(js("console.log('ok')").build());
            ExecutionResult hog = fallback.execute(js("const a = []; for (;;) { a.push(Buffer.alloc(8 << 20, 1)); }")
                    .limits(l -> l.memoryBytes(128L << 20).wallTime(Duration.ofSeconds(60)))
                    .build());

            assertThat(hello.succeeded()).as(hello.stderr()).isTrue();
            assertThat(hello.stdout()).isEqualTo("ok\n");
            assertThat(hog.succeeded()).isFalse();
            assertThat(hog).isNotInstanceOf(ExecutionResult.TimedOut.class);
            if (hog instanceof ExecutionResult.Killed k) {
                assertThat(k.limit()).as(hog.stderr()).isEqualTo(Limit.MEMORY);
            } else {
                assertThat(hog.stderr()).contains("ERR_MEMORY_ALLOCATION_FAILED");
            }
        }
    }

    @Test
    void prestartedJavaScriptSandboxesServeRequestsWithTheirLimits() throws InterruptedException {
        try (LocalSandbox warm = LocalSandbox.builder()
                .nodeExecutable(TestNode.path())
                .prestart(Language.JAVASCRIPT, 1)
                .build()) {
            for (int i = 0; i < 2; i++) {
                ExecutionResult r = warm.execute(ExecutionRequest.builder()
                        .code(new Code(Language.JAVASCRIPT, "console.log('run', process.env.N)"))
                        .environment("N", Integer.toString(i))
                        .build());

                assertThat(r.succeeded()).as(r.stderr()).isTrue();
                assertThat(r.stdout()).isEqualTo("run " + i + "\n");
            }
            // the replacement starts while or after a run ends: poll until a request finds it ready
            boolean servedWarm = false;
            for (int i = 0; i < 100 && !servedWarm; i++) {
                ExecutionResult any =
                        warm.execute(ExecutionRequest.of(new Code(Language.JAVASCRIPT, "console.log(1)")));
                assertThat(any.succeeded()).as(any.stderr()).isTrue();
                servedWarm = any.output().notes().stream().anyMatch(n -> n.contains("LocalSandbox prestart"));
                Thread.sleep(100);
            }
            assertThat(servedWarm)
                    .as("a request found a prestarted JavaScript sandbox")
                    .isTrue();
        }
    }

    @Test
    void withoutIsolationNodeRunsInTheRunDirectoryWithTheSameFlags(@TempDir Path scratch) {
        try (LocalSandbox unisolated = LocalSandbox.builder()
                .nodeExecutable(TestNode.path())
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            ExecutionResult r = unisolated.execute(js("require('fs').writeFileSync('o.txt', 'x');\n"
                            + "console.log(process.execArgv.join(' '), require('fs').existsSync('main.js'))")
                    .build());

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).contains("--max-old-space-size=").contains("true");
        }
    }

    @Test
    void aMemoryLimitBelowTheNodeMinimumIsRefusedNamingIt() {
        assertThatThrownBy(() -> SANDBOX.execute(
                        js("1").limits(l -> l.memoryBytes(32L << 20)).build()))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("64 MiB");
    }
}
