package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** LocalSandbox sessions against the real bubblewrap sandbox and /usr/bin/python3. */
class LocalSandboxSessionTest {
    private static final LocalSandbox SANDBOX =
            LocalSandbox.builder().maxSessions(4).build();

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    private static SandboxSession open() {
        return SANDBOX.openSession(SessionOptions.of(Language.PYTHON));
    }

    private static ExecutionResult run(SandboxSession s, String code) {
        return s.execute(SessionRequest.of(Code.python(code)));
    }

    private static ExecutionResult run(SandboxSession s, String code, Duration timeout) {
        return s.execute(SessionRequest.builder()
                .code(Code.python(code))
                .timeout(timeout)
                .build());
    }

    @Test
    void stateImportsAndFilesPersistAndTheFinalExpressionIsTheValue() {
        try (SandboxSession s = open()) {
            assertThat(run(s, "import json\nx = 41\nopen('kept.txt', 'w').write('k')")
                            .succeeded())
                    .isTrue();
            ExecutionResult r = run(s, "print(json.dumps({'x': x}))\nx + 1");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("{\"x\": 41}\n");
            assertThat(r.output().value()).contains("42");
            assertThat(run(s, "open('kept.txt').read()").output().value()).contains("'k'");
            ExecutionResult assign = run(s, "y = 1");
            assertThat(assign.output().value()).isEmpty();
            assertThat(assign.output().notes())
                    .anyMatch(n -> n.startsWith("cpu: per run"))
                    .noneMatch(n -> n.startsWith("cpu time:") || n.contains("SIGKILL of the pid namespace"))
                    .anyMatch(n -> n.startsWith("wall time: 30000 ms for this run"));
        }
    }

    @Test
    void printedDelimitersAndFakeResultsAreJustOutputOfTheirOwnRun() {
        try (SandboxSession s = open()) {
            ExecutionResult r = run(
                    s,
                    "import os, sys\n"
                            + "print('{\"status\": \"ok\", \"value\": \"forged\"}')\n"
                            + "sys.stdout.buffer.write(b'D\\x00\\x00\\x00\\x10{\"status\":\"ok\"}\\n')\n"
                            + "os.write(1, b'\\x44\\x00\\x00\\x00\\x02{}')\n"
                            + "print('---END OF RUN---', file=sys.stderr)\n"
                            + "reached = []\n"
                            + "for fd in range(3, 200):\n"
                            + "    for pid in {'1', str(os.getppid())}:\n"
                            + "        try:\n"
                            + "            os.close(os.open('/proc/%s/fd/%d' % (pid, fd), os.O_WRONLY))\n"
                            + "            reached.append((pid, fd))\n"
                            + "        except OSError:\n"
                            + "            pass\n"
                            + "'real value'");
            ExecutionResult next = run(s, "print('next run')");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.output().value()).contains("'real value'");
            assertThat(r.stdout()).contains("forged").contains("{\"status\":\"ok\"}");
            assertThat(r.stderr()).isEqualTo("---END OF RUN---\n");
            assertThat(next.stdout()).isEqualTo("next run\n");
            assertThat(next.output().value()).isEmpty();
            ExecutionResult reached = run(s, "reached");
            assertThat(reached.output().value()).contains("[]");
        }
    }

    @Test
    void anInterruptibleRunTimesOutAndTheSessionKeepsItsState() {
        try (SandboxSession s = open()) {
            run(s, "kept = 'yes'");
            ExecutionResult r =
                    run(s, "import time\nprint('before', flush=True)\ntime.sleep(60)", Duration.ofSeconds(1));

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(((ExecutionResult.TimedOut) r).limit()).isEqualTo(Duration.ofSeconds(1));
            assertThat(r.stdout()).isEqualTo("before\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("keeps its state"));
            ExecutionResult next = run(s, "print(kept)");
            assertThat(next.stdout()).isEqualTo("yes\n");
            assertThat(s.isAlive()).isTrue();
        }
    }

    @Test
    void aRunThatIgnoresItsInterruptIsKilledAndTheNextRunSaysTheStateIsGone() {
        try (SandboxSession s = open()) {
            run(s, "kept = 'yes'\nopen('f.txt', 'w').write('x')");
            ExecutionResult r = run(
                    s,
                    "import time\nwhile True:\n    try:\n        time.sleep(60)\n    except KeyboardInterrupt:\n"
                            + "        print('ignored', flush=True)",
                    Duration.ofSeconds(1));

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(r.stdout()).contains("ignored");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("lost"));
            ExecutionResult next = run(s, "import os\nprint('kept' in globals(), os.path.exists('f.txt'))");
            assertThat(next.stdout()).isEqualTo("False False\n");
            assertThat(next.output().notes()).anyMatch(n -> n.contains("fresh interpreter") && n.contains("gone"));
            assertThat(s.isAlive()).isTrue();
        }
    }

    @Test
    void exceptionsAndExitsAreResultsAndKeepTheState() {
        try (SandboxSession s = open()) {
            run(s, "a = 1");
            ExecutionResult failed = run(s, "raise KeyError('id')");
            ExecutionResult exited = run(s, "import sys\nsys.exit(3)");

            assertThat(failed).isInstanceOf(ExecutionResult.Failed.class);
            assertThat(failed.stderr())
                    .contains("KeyError: 'id'")
                    .contains("<run 2>")
                    .doesNotContain("main.py");
            assertThat(exited).isInstanceOf(ExecutionResult.Failed.class);
            assertThat(((ExecutionResult.Failed) exited).exitCode()).isEqualTo(3);
            assertThat(run(s, "a").output().value()).contains("1");
        }
    }

    @Test
    void sessionsDoNotSeeEachOthersStateFilesOrProcesses() {
        try (SandboxSession one = open();
                SandboxSession two = open()) {
            run(
                    one,
                    "import subprocess, os\nsecret_var = 'one'\nopen('/tmp/one.txt', 'w').write('1')\n"
                            + "open('one.txt', 'w').write('1')\np = subprocess.Popen(['sleep', '60'])");
            ExecutionResult r = run(
                    two,
                    "import os\nprocs = [open('/proc/%s/cmdline' % p).read() for p in os.listdir('/proc') if p.isdigit()]\n"
                            + "print('secret_var' in globals(), os.path.exists('/tmp/one.txt'), os.path.exists('one.txt'),"
                            + " any('sleep' in c for c in procs))");

            assertThat(r.stdout()).isEqualTo("False False False False\n");
            assertThat(one.id()).isNotEqualTo(two.id());
        }
    }

    @Test
    void resetClearsVariablesAndFilesAndTheSessionStaysOpen() {
        try (SandboxSession s = open()) {
            run(s, "v = 1\nopen('f.txt', 'w').write('x')");
            s.reset();

            ExecutionResult r = run(s, "import os\nprint('v' in globals(), os.path.exists('f.txt'))");
            assertThat(r.stdout()).isEqualTo("False False\n");
            assertThat(s.isAlive()).isTrue();
        }
    }

    @Test
    void filesGoInAndComeOutWithSecretsMasked() {
        String secret = "sk-session-" + Long.toHexString(System.nanoTime());
        try (SandboxSession s =
                SANDBOX.openSession(o -> o.language(Language.PYTHON).secret("API_KEY", secret))) {
            s.writeFile(new InputFile("data/in.txt", "abc".getBytes(StandardCharsets.UTF_8)));
            ExecutionResult r = run(
                    s,
                    "import os\nopen('out.txt', 'w').write(open('data/in.txt').read().upper() + os.environ['API_KEY'])\n"
                            + "os.symlink('/etc/passwd', 'link.txt')\nprint(os.environ['API_KEY'])");

            assertThat(r.stdout()).isEqualTo(Redactor.MASK + "\n");
            assertThat(s.readFile("out.txt"))
                    .hasValueSatisfying(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8))
                            .isEqualTo("ABC" + Redactor.MASK));
            assertThat(s.collectFiles("*.txt")).extracting(f -> f.path()).containsExactly("out.txt");
            assertThat(s.collectFiles("**/*.txt")).extracting(f -> f.path()).contains("data/in.txt", "out.txt");
        }
    }

    @Test
    void memoryAndProcessLimitsHoldInsideASession() {
        try (SandboxSession s = SANDBOX.openSession(o -> o.language(Language.PYTHON)
                .limits(l -> l.memoryBytes(256L << 20).maxProcesses(8)))) {
            ExecutionResult mem = run(
                    s,
                    "chunks = []\nfor i in range(32):\n    chunks.append(b'x' * (64 << 20))\nprint('allocated everything')");
            assertThat(mem.stdout()).doesNotContain("allocated everything");
            if (mem instanceof ExecutionResult.Killed k) {
                // a counter (cgroup or the run meter) saw the session over its memory limit
                assertThat(k.limit()).isEqualTo(Limit.MEMORY);
            } else {
                // the per-process address-space limit refused the allocation inside the interpreter
                assertThat(mem).isInstanceOf(ExecutionResult.Failed.class);
                assertThat(mem.stderr()).contains("MemoryError");
            }

            ExecutionResult procs = run(
                    s,
                    "import os, time\nstarted = 0\ntry:\n    for i in range(64):\n"
                            + "        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n"
                            + "        started += 1\nexcept OSError as e:\n    print('fork refused after', started)\n");
            assertThat(procs.stdout().toLowerCase(Locale.ROOT)).contains("fork refused");
        }
    }

    @Test
    void outputOverTheCapKillsTheRunAndTheInterpreter() {
        try (SandboxSession s =
                SANDBOX.openSession(o -> o.language(Language.PYTHON).limits(l -> l.maxOutputBytes(10_000)))) {
            ExecutionResult r = run(s, "import sys\nwhile True:\n    sys.stdout.write('y' * 1023 + '\\n')");

            assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
            assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.OUTPUT);
            assertThat(r.output().stdoutTruncated()).isTrue();
            assertThat(run(s, "print('fresh')").stdout()).isEqualTo("fresh\n");
        }
    }

    @Test
    void closedSessionsAreCountedOutAndTheCapRefusesMore() throws Exception {
        int before = SANDBOX.openSessions();
        SandboxSession s = open();
        assertThat(SANDBOX.openSessions()).isEqualTo(before + 1);
        s.close();
        assertThat(SANDBOX.openSessions()).isEqualTo(before);
        assertThat(s.isAlive()).isFalse();
        assertThatThrownBy(() -> run(s, "1"))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("closed");

        try (LocalSandbox small = LocalSandbox.builder().maxSessions(1).build()) {
            SandboxSession only = small.openSession(SessionOptions.of(Language.PYTHON));
            assertThatThrownBy(() -> small.openSession(SessionOptions.of(Language.PYTHON)))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("maxSessions");
            assertThat(small.openSessions()).isEqualTo(1);
            small.close();
            assertThat(only.isAlive()).isFalse();
            assertThat(small.openSessions()).isZero();
        }
    }

    @Test
    void closingTheSandboxEndsEverySessionAndLeavesNoProcessOnTheHost() throws Exception {
        String marker = "3517." + (System.nanoTime() % 1_000_000);
        LocalSandbox sandbox = LocalSandbox.builder().build();
        SandboxSession one = sandbox.openSession(SessionOptions.of(Language.PYTHON));
        SandboxSession two = sandbox.openSession(SessionOptions.of(Language.PYTHON));
        run(one, "import subprocess\np = subprocess.Popen(['sleep', '" + marker + "'])");
        run(two, "import subprocess\np = subprocess.Popen(['sleep', '" + marker + "'])");
        assertThat(hostProcessesNaming(marker)).isEqualTo(2);

        sandbox.close();

        assertThat(one.isAlive()).isFalse();
        assertThat(two.isAlive()).isFalse();
        assertThat(sandbox.openSessions()).isZero();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hostProcessesNaming(marker) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(hostProcessesNaming(marker)).isZero();
    }

    /** Processes in this host's process table whose command line contains {@code text}. */
    static long hostProcessesNaming(String text) throws IOException {
        try (Stream<Path> pids = Files.list(Path.of("/proc"))) {
            return pids.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .contains(text);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    @Test
    void idleSessionsExpire() throws Exception {
        SandboxSession s = SANDBOX.openSession(o -> o.language(Language.PYTHON).idleTimeout(Duration.ofMillis(300)));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (s.isAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(s.isAlive()).isFalse();
        assertThatThrownBy(() -> run(s, "1"))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void javaSessionsAreRefusedNamingTheCapability() {
        assertThatThrownBy(() -> SANDBOX.openSession(SessionOptions.of(Language.JAVA)))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("Python, JavaScript and TypeScript sessions only");
    }
}
