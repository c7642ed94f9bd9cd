package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.sandbox.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile JavaScript program in a real bubblewrap {@link LocalSandbox} with the test's Node.js: it tries to
 * read host secrets, write outside its working directory, fork past the process limit and reach the network
 * without an allowlist. Every attempt is denied and the host is intact afterwards.
 */
class JavaScriptHostileTest {
    private static LocalSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = LocalSandbox.builder().nodeExecutable(TestNode.path()).build();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static ExecutionResult run(String source, int maxProcesses, String name, String value) {
        return sandbox.execute(ExecutionRequest.builder()
                .code(new Code(Language.JAVASCRIPT, source))
                .environment(name, value)
                .limits(l -> l.maxProcesses(maxProcesses).wallTime(Duration.ofSeconds(60)))
                .build());
    }

    @Test
    void hostSecretsAreUnreadableAndWritesOutsideTheWorkdirDoNotReachTheHost(@TempDir Path dir) throws IOException {
        Path canary = Host.canary(dir, "credentials");
        String source = "const fs = require('fs');\n"
                + "const tryRead = p => { try { fs.readFileSync(p); return 'READ'; } catch (e) { return e.code; } };\n"
                + "const tryList = p => { try { return 'LISTED ' + fs.readdirSync(p).length; } catch (e) { return e.code; } };\n"
                + "const tryWrite = p => { try { fs.writeFileSync(p, 'pwned'); return 'WROTE'; } catch (e) { return e.code; } };\n"
                + "for (const p of ['/etc/shadow', '/root/.ssh/id_rsa', process.env.CANARY]) console.log('read', p, tryRead(p));\n"
                + "for (const p of ['/root', '/home']) console.log('list', p, tryList(p));\n"
                + "for (const p of [process.env.CANARY, '/etc/passwd-pwned', '/usr/bin/pwned', '/pwned', "
                + "require('path').dirname(process.execPath) + '/pwned']) console.log('write', p, tryWrite(p));\n"
                + "console.log('workdir', tryWrite('/sandbox/ok.txt'));";
        ExecutionResult r = run(source, 64, "CANARY", canary.toString());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .doesNotContain(" READ")
                .doesNotContain(" LISTED")
                .contains("read /etc/shadow ENOENT")
                .contains("list /root ENOENT")
                .contains("workdir WROTE");
        assertThat(r.stdout().lines().filter(l -> l.startsWith("write ")))
                .hasSize(5)
                .noneMatch(l -> l.endsWith("WROTE"));
        assertThat(Files.readString(canary, StandardCharsets.UTF_8)).isEqualTo("canary-credentials");
        assertThat(Path.of("/pwned")).doesNotExist();
        assertThat(Path.of("/usr/bin/pwned")).doesNotExist();
        assertThat(TestNode.path().toRealPath().resolveSibling("pwned")).doesNotExist();
    }

    @Test
    void childProcessesPastTheProcessLimitAreRefusedAndNoneOutliveTheRun() {
        String marker = "js-fork-" + System.nanoTime();
        String source = "const { spawn } = require('child_process');\n"
                + "let ok = 0, refused = 0, pending = 40;\n"
                + "const done = () => { if (--pending === 0) { console.log('spawned', ok, 'refused', refused); process.exit(0); } };\n"
                + "for (let i = 0; i < 40; i++) {\n"
                + "  let c;\n"
                + "  try { c = spawn('/bin/sh', ['-c', 'sleep 30 # ' + process.env.MARKER], {stdio: 'ignore'}); }\n"
                + "  catch (e) { refused++; done(); continue; }\n"
                + "  c.on('spawn', () => { ok++; done(); });\n"
                + "  c.on('error', () => { refused++; done(); });\n"
                + "}";
        ExecutionResult r = run(source, 16, "MARKER", marker);

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        String[] counts = r.stdout().trim().split(" ");
        int spawned = Integer.parseInt(counts[1]);
        int refused = Integer.parseInt(counts[3]);
        assertThat(spawned).isLessThan(16);
        assertThat(refused).isGreaterThan(24);
        Host.assertNoProcessLeft(marker);
        Host.assertHostResponsive();
    }

    @Test
    void withoutAnAllowlistNoConnectionLeavesTheSandbox() throws IOException {
        try (Host.LoopbackServer server = new Host.LoopbackServer()) {
            String source = "const net = require('net');\n"
                    + "const c = net.connect(Number(process.env.PORT), '127.0.0.1');\n"
                    + "c.on('connect', () => { console.log('tcp OPEN'); c.destroy(); });\n"
                    + "c.on('error', e => console.log('tcp', e.code));\n"
                    + "fetch('https://example.com/').then(() => console.log('fetch OPEN'), e => "
                    + "console.log('fetch', e.cause ? e.cause.code : e.message));\n"
                    + "require('dns').lookup('example.com', (e) => console.log('dns', e ? e.code : 'RESOLVED'));";
            ExecutionResult r = run(source, 64, "PORT", Integer.toString(server.port()));

            assertThat(r.stdout())
                    .doesNotContain("OPEN")
                    .doesNotContain("RESOLVED")
                    .contains("tcp ECONNREFUSED")
                    .contains("fetch ")
                    .contains("dns ");
            assertThat(server.accepted()).isZero();
        }
    }
}
