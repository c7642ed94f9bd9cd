package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.secret.Redactor;
import dev.agentic.testkit.aws.RecordedAgentCoreRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JavaScript through {@link AgentCoreSandbox}: the real async client against the fake, whose local sandbox
 * runs the code on this machine's Node.js (one-shot and in sessions).
 */
class AgentCoreJavaScriptTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    static final AgentCoreSandbox SANDBOX = FIXTURE.sandbox().build();

    @AfterAll
    static void close() {
        SANDBOX.close();
        FIXTURE.close();
    }

    @BeforeEach
    void needsJavaScript() {
        assumeTrue(
                FIXTURE.local.capabilities().runs(Language.JAVASCRIPT),
                "the local sandbox behind the fake does not run JavaScript here (no Node.js found)");
    }

    private static Code js(String source) {
        return new Code(Language.JAVASCRIPT, source);
    }

    private static List<RecordedAgentCoreRequest> since(int first) {
        List<RecordedAgentCoreRequest> all = FIXTURE.server.requests();
        return all.subList(first, all.size());
    }

    @Test
    void aOneShotProgramRunsAsJavaScriptAndItsSessionIsStopped() {
        int first = FIXTURE.server.requests().size();

        ExecutionResult r = SANDBOX.execute(ExecutionRequest.of(js("const x = 6;\nconsole.log(x * 7);")));

        assertThat(r).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(r.stdout()).isEqualTo("42\n");
        assertThat(since(first).stream().filter(q -> q.tool().equals("executeCode")))
                .singleElement()
                .satisfies(
                        q -> assertThat(q.arguments().path("language").asText()).isEqualTo("javascript"));
        assertThat(FIXTURE.server.activeSessions()).isZero();
    }

    @Test
    void aFailingProgramIsFailedWithItsOwnLineNumberEvenWithThePreamble() {
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(js("\"use strict\";\nconst a = 1;\nthrow new Error(\"broke on line 3\");\n"))
                .environment("MODE", "test")
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("broke on line 3").containsPattern(":3:\\d+\\)?\\s");
    }

    @Test
    void outputPastTheCapIsCutAndMarkedAsForPython() {
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(js("process.stdout.write(\"x\".repeat(5000));"))
                .limits(l -> l.maxOutputBytes(100))
                .build());

        assertThat(r)
                .isInstanceOfSatisfying(
                        ExecutionResult.Killed.class, k -> assertThat(k.limit()).isEqualTo(Limit.OUTPUT));
        assertThat(r.stdout()).hasSize(100);
        assertThat(r.output().stdoutTruncated()).isTrue();
    }

    @Test
    void stateLastsBetweenRunsOfASession() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.JAVASCRIPT))) {
            assertThat(session.execute(SessionRequest.of(js("let x = 41"))).succeeded())
                    .isTrue();

            ExecutionResult r = session.execute(SessionRequest.of(js("console.log(x + 1)")));

            assertThat(r.stdout()).isEqualTo("42\n");
        }
        assertThat(FIXTURE.server.activeSessions()).isZero();
    }

    @Test
    void aSecretReachesProcessEnvAndNeverTheCodeTextOrTheResult() {
        String secret = "sk-js-" + Long.toHexString(System.nanoTime()) + "-secret";
        int first = FIXTURE.server.requests().size();

        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(js("const key = process.env.API_KEY;\n"
                        + "console.log(\"length\", key.length, key.startsWith(\"sk-js-\"));\n"
                        + "console.log(\"key\", key);\nconsole.error(key);\n"))
                .secret("API_KEY", secret)
                .build());

        assertThat(r.stdout())
                .isEqualTo("length " + secret.length() + " true\nkey " + Redactor.MASK + "\n")
                .doesNotContain(secret);
        assertThat(r.stderr()).doesNotContain(secret);
        assertThat(r.toString()).doesNotContain(secret);
        List<RecordedAgentCoreRequest> sent = since(first);
        assertThat(sent).allSatisfy(q -> assertThat(q.codeText()).doesNotContain(secret));
        assertThat(sent)
                .anySatisfy(q -> assertThat(q.codeText())
                        .contains("g.Deno")
                        .contains("process.env")
                        .contains("agentic-env-"));
    }

    @Test
    void aSessionsSecretIsLoadedOnceWhenItStarts() {
        String secret = "tok-" + Long.toHexString(System.nanoTime());
        int first = FIXTURE.server.requests().size();
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.builder()
                .language(Language.JAVASCRIPT)
                .secret("TOKEN", secret)
                .build())) {

            ExecutionResult r =
                    session.execute(SessionRequest.of(js("console.log(process.env.TOKEN.length, process.env.TOKEN)")));

            assertThat(r.stdout()).isEqualTo(secret.length() + " " + Redactor.MASK + "\n");
        }
        assertThat(since(first)).allSatisfy(q -> assertThat(q.codeText()).doesNotContain(secret));
    }

    @Test
    void outputsOfAJavaScriptRunAreListedWithListFilesNotAPythonCommand() {
        int first = FIXTURE.server.requests().size();

        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(js("const fs = require(\"node:fs\");\nfs.mkdirSync(\"out/deep\", { recursive: true });\n"
                        + "fs.writeFileSync(\"out/a.json\", JSON.stringify({ ok: true }));\n"
                        + "fs.writeFileSync(\"out/deep/b.json\", \"[1]\");\nfs.writeFileSync(\"skip.txt\", \"no\");\n"))
                .outputGlob("out/**/*.json")
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.output().files())
                .extracting(f -> f.path() + "=" + new String(f.content(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("out/a.json={\"ok\":true}", "out/deep/b.json=[1]");
        List<RecordedAgentCoreRequest> sent = since(first);
        assertThat(sent)
                .filteredOn(q -> q.tool().equals("listFiles"))
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q.arguments().has("path")).isTrue());
        assertThat(sent).noneMatch(q -> q.tool().equals("executeCommand"));
        assertThat(sent)
                .filteredOn(q -> q.tool().equals("executeCode"))
                .allSatisfy(
                        q -> assertThat(q.arguments().path("language").asText()).isEqualTo("javascript"));
    }

    @Test
    void resetReplacesTheServiceSessionAndForgetsVariables() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.JAVASCRIPT))) {
            session.execute(SessionRequest.of(js("var kept = 1")));
            int started = FIXTURE.server.startedSessions();
            int first = FIXTURE.server.requests().size();

            session.reset();
            ExecutionResult r = session.execute(SessionRequest.of(js("console.log(typeof kept)")));

            assertThat(r.stdout()).isEqualTo("undefined\n");
            assertThat(FIXTURE.server.startedSessions()).isEqualTo(started + 1);
            assertThat(since(first))
                    .as("no clearContext: it is Python-only in the service")
                    .noneMatch(q -> q.arguments().path("clearContext").asBoolean(false));
            assertThat(FIXTURE.server.activeSessions()).isEqualTo(1);
        }
    }
}
