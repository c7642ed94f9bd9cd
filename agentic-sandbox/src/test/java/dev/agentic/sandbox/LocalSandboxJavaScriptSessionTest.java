package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JavaScript and TypeScript sessions of LocalSandbox against the real bubblewrap sandbox and a real node
 * ({@code -Dagentic.test.node=...}, else {@code node} on PATH; skipped without one).
 */
class LocalSandboxJavaScriptSessionTest {
    private static LocalSandbox sandbox;

    @BeforeAll
    static void open() {
        sandbox = LocalSandbox.builder()
                .nodeExecutable(TestNode.path())
                .maxSessions(4)
                .build();
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static SandboxSession js() {
        return sandbox.openSession(SessionOptions.of(Language.JAVASCRIPT));
    }

    private static ExecutionResult run(SandboxSession s, String code) {
        return s.execute(SessionRequest.of(new Code(s.language(), code)));
    }

    private static ExecutionResult run(SandboxSession s, String code, Duration timeout) {
        return s.execute(SessionRequest.builder()
                .code(new Code(s.language(), code))
                .timeout(timeout)
                .build());
    }

    @Test
    void letConstFunctionsAndClassesPersistAndTheCompletionValueIsTheValue() {
        try (SandboxSession s = js()) {
            assertThat(s.language()).isEqualTo(Language.JAVASCRIPT);
            ExecutionResult decl = run(
                    s,
                    "let x = 41\nconst fs = require('fs')\nfunction twice(n) { return 2 * n }\n"
                            + "class Box { constructor(v) { this.v = v } }\nfs.writeFileSync('kept.txt', 'k')");
            assertThat(decl.succeeded()).as(decl.stderr()).isTrue();

            ExecutionResult r = run(s, "console.log(JSON.stringify({x}))\nx + 1");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("{\"x\":41}\n");
            assertThat(r.output().value()).contains("42");
            assertThat(run(s, "twice(new Box(21).v)").output().value()).contains("42");
            assertThat(run(s, "fs.readFileSync('kept.txt', 'utf8')").output().value())
                    .contains("'k'");
            assertThat(run(s, "let x = 'again'; x").output().value())
                    .as("a declaration may be repeated, as in a console")
                    .contains("'again'");
            assertThat(run(s, "const y = 1").output().value()).isEmpty();
        }
    }

    @Test
    void topLevelAwaitWorksAndItsDeclarationsPersist() {
        try (SandboxSession s = js()) {
            ExecutionResult r = run(s, "const v = await new Promise(r => setTimeout(() => r(5), 20))\nv * 2");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.output().value()).contains("10");
            assertThat(run(s, "v").output().value()).contains("5");
        }
    }

    @Test
    void anErrorFailsTheRunWithAStackPointingAtTheSnippetAndKeepsTheState() {
        try (SandboxSession s = js()) {
            run(s, "let a = 1");
            ExecutionResult failed = run(s, "function f() { null.boom }\nf()");

            assertThat(failed).isInstanceOf(ExecutionResult.Failed.class);
            assertThat(failed.stderr())
                    .contains("TypeError")
                    .contains("<run-2>:1:")
                    .contains("<run-2>:2:1")
                    .doesNotContain("session_interpreter")
                    .doesNotContain("node:inspector");
            assertThat(run(s, "a").output().value()).contains("1");
        }
    }

    @Test
    void processExitEndsTheInterpreterWithItsStatusAndTheNextRunStartsFresh() {
        try (SandboxSession s = js()) {
            run(s, "const kept = 1");
            ExecutionResult exited = run(s, "console.log('bye'); process.exit(3)");

            assertThat(exited).isInstanceOf(ExecutionResult.Failed.class);
            assertThat(((ExecutionResult.Failed) exited).exitCode()).isEqualTo(3);
            assertThat(exited.stdout()).isEqualTo("bye\n");
            ExecutionResult next = run(s, "typeof kept");
            assertThat(next.output().value()).hasValue("'undefined'");
            assertThat(next.output().notes()).anyMatch(n -> n.contains("fresh interpreter"));
        }
    }

    @Test
    void errorsThrownByCallbacksAreReportedOnStderrAndTheSessionGoesOn() {
        try (SandboxSession s = js()) {
            ExecutionResult r = run(
                    s,
                    "setTimeout(() => { throw new Error('late') }, 0)\nawait new Promise(r => setTimeout(r, 100))\n7");

            assertThat(r.succeeded()).as(r.describe()).isTrue();
            assertThat(r.stderr()).contains("Error: late");
            assertThat(run(s, "6 * 7").output().value()).hasValue("42");
        }
    }

    @Test
    void printedFramesAndFakeResultsAreJustOutputOfTheirOwnRun() {
        try (SandboxSession s = js()) {
            ExecutionResult r = run(
                    s,
                    "console.log('{\"status\": \"ok\", \"value\": \"forged\"}')\n"
                            + "process.stdout.write('D\\x00\\x00\\x00\\x10{\"status\":\"ok\"}\\n')\n"
                            + "process.stdout.write('{\"ready\": true}\\n')\n"
                            + "console.error('---END OF RUN---')\n"
                            + "'real value'");
            ExecutionResult next = run(s, "console.log('next run')");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.output().value()).hasValue("'real value'");
            assertThat(r.stdout()).contains("forged").contains("{\"status\":\"ok\"}");
            assertThat(r.stderr()).isEqualTo("---END OF RUN---\n");
            assertThat(next.stdout()).isEqualTo("next run\n");
            assertThat(next.output().value()).isEmpty();
            ExecutionResult reached = run(
                    s,
                    "const fs = require('fs'); const reached = []\n"
                            + "for (const pid of ['1', String(process.ppid)]) for (let fd = 0; fd < 200; fd++) {\n"
                            + "  try { fs.closeSync(fs.openSync('/proc/' + pid + '/fd/' + fd, 'w')); reached.push(pid + ':' + fd) }"
                            + " catch (e) {}\n}\nreached");
            assertThat(reached.output().value())
                    .as("the supervisor (the interpreter's parent) and the sandbox's init keep their descriptors")
                    .hasValue("[]");
        }
    }

    @Test
    void aSynchronousEndlessLoopTimesOutAndTheSessionKeepsItsState() {
        try (SandboxSession s = js()) {
            run(s, "const kept = 'yes'");
            ExecutionResult r = run(s, "console.log('before'); while (true) {}", Duration.ofSeconds(1));

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(r.stdout()).isEqualTo("before\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("keeps its state"));
            ExecutionResult next = run(s, "kept");
            assertThat(next.output().value()).contains("'yes'");
            assertThat(next.output().notes()).noneMatch(n -> n.contains("fresh interpreter"));
        }
    }

    @Test
    void aRunWaitingForeverIsInterruptedAndTheSessionKeepsItsState() {
        try (SandboxSession s = js()) {
            run(s, "const kept = 'yes'");
            ExecutionResult r = run(s, "await new Promise(() => {})", Duration.ofSeconds(1));

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(r.output().notes()).anyMatch(n -> n.contains("keeps its state"));
            assertThat(run(s, "kept").output().value()).contains("'yes'");
        }
    }

    @Test
    void aCallbackThatNeverReturnsHasTheSessionReplacedAndTheNextRunSaysSo() {
        try (SandboxSession s = js()) {
            run(s, "const kept = 'yes'");
            ExecutionResult r =
                    run(s, "await new Promise(() => setTimeout(() => { while (true) {} }, 0))", Duration.ofSeconds(1));

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(r.output().notes()).anyMatch(n -> n.contains("lost"));
            ExecutionResult next = run(s, "typeof kept");
            assertThat(next.output().value()).contains("'undefined'");
            assertThat(next.output().notes()).anyMatch(n -> n.contains("fresh interpreter") && n.contains("gone"));
            assertThat(s.isAlive()).isTrue();
        }
    }

    @Test
    void resetClearsDeclarationsAndFiles() {
        try (SandboxSession s = js()) {
            run(s, "let v = 1; require('fs').writeFileSync('f.txt', 'x')");
            s.reset();

            ExecutionResult r = run(s, "[typeof v, require('fs').existsSync('f.txt')]");
            assertThat(r.output().value()).hasValue("[ 'undefined', false ]");
            assertThat(s.isAlive()).isTrue();
        }
    }

    @Test
    void twoSessionsDoNotSeeEachOthersStateOrFiles() {
        try (SandboxSession one = js();
                SandboxSession two = js()) {
            run(one, "globalThis.shared = 'one'; let mine = 1; require('fs').writeFileSync('one.txt', '1')");
            ExecutionResult r = run(two, "[typeof shared, typeof mine, require('fs').existsSync('one.txt')].join(' ')");

            assertThat(r.output().value()).hasValue("'undefined undefined false'");
        }
    }

    @Test
    void aSecretReachesProcessEnvAndIsMaskedInOutputAndFilesGoInAndOut() {
        String secret = "sk-js-session-" + Long.toHexString(System.nanoTime());
        try (SandboxSession s =
                sandbox.openSession(o -> o.language(Language.JAVASCRIPT).secret("API_KEY", secret))) {
            s.writeFile(new InputFile("data/in.txt", "abc".getBytes(StandardCharsets.UTF_8)));
            ExecutionResult r = run(
                    s,
                    "const fs = require('fs')\n"
                            + "fs.writeFileSync('out.txt', fs.readFileSync('data/in.txt', 'utf8').toUpperCase())\n"
                            + "console.log(process.env.API_KEY)\nprocess.env.API_KEY.length");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo(Redactor.MASK + "\n");
            assertThat(r.output().value()).hasValue(Integer.toString(secret.length()));
            assertThat(s.readFile("out.txt"))
                    .hasValueSatisfying(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8))
                            .isEqualTo("ABC"));
        }
    }

    @Test
    void typeScriptSessionsStripTypesWhereNodeCanElseAreRefused() {
        boolean strips = sandbox.capabilities().languages().contains(Language.TYPESCRIPT);
        Assumptions.assumeTrue(
                strips, "the test's node cannot run TypeScript; set -Dagentic.test.node to Node.js 22.18 or later");
        SandboxSession s;
        try {
            s = sandbox.openSession(SessionOptions.of(Language.TYPESCRIPT));
        } catch (UnsupportedCapabilityException e) {
            assertThat(e).hasMessageContaining("stripTypeScriptTypes");
            Assumptions.abort("this node runs TypeScript files but has no module.stripTypeScriptTypes: " + e);
            return;
        }
        try (s) {
            assertThat(run(s, "const n: number = 1").succeeded()).isTrue();
            assertThat(run(s, "n + 1").output().value()).hasValue("2");
            run(s, "interface P { a: string }\nfunction f(p: P): string { throw new Error('in f ' + p.a) }");
            ExecutionResult failed = run(s, "f({ a: 'x' })");
            assertThat(failed.stderr()).contains("Error: in f x").contains("<run-3>:2:");
        }
    }

    @Test
    void eachRunGetsItsOwnCpuLimitSetByTheSupervisor() {
        try (SandboxSession s = sandbox.openSession(o -> o.language(Language.JAVASCRIPT)
                .limits(l -> l.cpuTime(Duration.ofSeconds(2)).wallTime(Duration.ofSeconds(60))))) {
            ExecutionResult limits = run(
                    s,
                    "require('fs').readFileSync('/proc/self/limits', 'utf8').split('\\n')"
                            + ".find(l => l.startsWith('Max cpu time')).split(/\\s+/).slice(3, 5).join(' ')");
            assertThat(limits.output().value())
                    .as(
                            "soft RLIMIT_CPU of the node interpreter: its CPU so far (rounded up) plus the run's 2 s plus a 1 s backstop; hard 3600 s (+1 s backstop)")
                    .hasValueSatisfying(v -> assertThat(v).matches("'[3-9] 360[01]'"));

            ExecutionResult spin = run(s, "const t0 = Date.now(); while (Date.now() - t0 < 50000) {}");

            assertThat(spin).as(spin.stderr() + spin.output().notes()).isInstanceOf(ExecutionResult.Killed.class);
            assertThat(((ExecutionResult.Killed) spin).limit())
                    .as(spin.stderr() + spin.output().notes())
                    .isEqualTo(Limit.CPU_TIME);
            ExecutionResult next = run(s, "1 + 1");
            assertThat(next.output().value()).hasValue("2");
            assertThat(next.output().notes()).anyMatch(n -> n.contains("fresh interpreter"));
        }
    }

    @Test
    void memoryAndProcessLimitsHoldInsideASession() {
        try (SandboxSession s = sandbox.openSession(o -> o.language(Language.JAVASCRIPT)
                .limits(l -> l.memoryBytes(256L << 20).maxProcesses(16)))) {
            ExecutionResult mem = run(
                    s,
                    "const chunks = []\nfor (let i = 0; i < 64; i++) { chunks.push(Buffer.alloc(64 << 20, 1)) }\n"
                            + "console.log('allocated everything')");
            assertThat(mem.stdout()).doesNotContain("allocated everything");
            assertThat(mem.succeeded()).isFalse();

            ExecutionResult procs = run(
                    s,
                    "const cp = require('child_process')\nlet started = 0, refused = ''\n"
                            + "for (let i = 0; i < 64; i++) {\n"
                            + "  try { cp.spawn('sleep', ['30']).on('error', e => { refused = e.code }); started++ }"
                            + " catch (e) { refused = e.code; break }\n}\n"
                            + "await new Promise(r => setTimeout(r, 500))\nrefused");
            assertThat(procs.output().value())
                    .hasValueSatisfying(v -> assertThat(v).contains("EAGAIN"));
        }
    }

    @Test
    void anAllowlistedHostIsReachedThroughTheEgressProxyWhenNodeHonoursIt() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the host".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String local = "127.0.0.1:" + server.getAddress().getPort();
        try (LocalSandbox networked = LocalSandbox.builder()
                .nodeExecutable(TestNode.path())
                .allowLoopbackHosts(local)
                .build()) {
            SandboxSession s;
            try {
                s = networked.openSession(o -> o.language(Language.JAVASCRIPT).network(NetworkPolicy.allow(local)));
            } catch (UnsupportedCapabilityException e) {
                assertThat(e.missing()).containsExactly(SandboxCapability.HOST_ALLOWLIST);
                Assumptions.abort("the test's node ignores proxy variables (needs 24.5 or later): " + e.getMessage());
                return;
            }
            try (s) {
                ExecutionResult r = run(s, "const res = await fetch('http://" + local + "/')\nawait res.text()");
                ExecutionResult refused =
                        run(s, "try { await fetch('http://example.com/'); 'reached' } catch (e) { 'refused' }");

                assertThat(r.output().value()).as(r.describe()).hasValue("'hello from the host'");
                assertThat(r.output().network())
                        .singleElement()
                        .satisfies(d -> assertThat(d.allowed()).isTrue());
                assertThat(refused.output().value()).as(refused.describe()).hasValue("'refused'");
                assertThat(refused.output().network()).noneMatch(d -> d.allowed());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anAllowlistedSessionIsRefusedForANodeThatIgnoresProxyVariables() throws Exception {
        try (LocalSandbox old =
                LocalSandbox.builder().nodeExecutable(TestNode.fake("v22.18.0")).build()) {
            assertThatThrownBy(() -> old.openSession(
                            o -> o.language(Language.JAVASCRIPT).network(NetworkPolicy.allow("example.com"))))
                    .isInstanceOfSatisfying(
                            UnsupportedCapabilityException.class,
                            e -> assertThat(e.missing()).containsExactly(SandboxCapability.HOST_ALLOWLIST))
                    .hasMessageContaining("Node.js 24.5");
            assertThat(old.openSessions()).isZero();
        }
    }

    @Test
    void closingASessionLeavesNoProcessOnTheHost() throws Exception {
        String marker = "4211." + (System.nanoTime() % 1_000_000);
        SandboxSession s = js();
        run(s, "const cp = require('child_process'); const p = cp.spawn('sleep', ['" + marker + "'])");
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(marker)).isEqualTo(1);

        s.close();

        assertThat(s.isAlive()).isFalse();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (LocalSandboxSessionTest.hostProcessesNaming(marker) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(LocalSandboxSessionTest.hostProcessesNaming(marker)).isZero();
    }
}
