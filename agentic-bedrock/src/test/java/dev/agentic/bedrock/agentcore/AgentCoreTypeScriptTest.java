package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import dev.agentic.testkit.aws.RecordedAgentCoreRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TypeScript through {@link AgentCoreSandbox} against the fake, whose local sandbox runs it on a Node.js that
 * strips types: system property {@code agentic.test.node} (for example an official Node.js 24), else the
 * {@code node} on PATH. Skipped with a message when that Node.js cannot run TypeScript. One-shot runs also go
 * through a second fake whose sandbox offers no sessions, so each call is a one-shot local run.
 */
class AgentCoreTypeScriptTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture(node());
    static final AgentCoreSandbox SANDBOX = FIXTURE.sandbox().build();
    static final FakeAgentCoreServer ONE_SHOT_FAKE = FakeAgentCoreServer.start(new OneShotOnly(FIXTURE.local));
    static final AgentCoreSandbox ONE_SHOT =
            FIXTURE.sandbox().endpoint(ONE_SHOT_FAKE.endpoint()).build();

    private static LocalSandbox.Builder node() {
        String configured = System.getProperty("agentic.test.node");
        LocalSandbox.Builder b = LocalSandbox.builder();
        return configured == null || configured.isBlank() ? b : b.nodeExecutable(Path.of(configured));
    }

    @AfterAll
    static void close() {
        ONE_SHOT.close();
        ONE_SHOT_FAKE.close();
        SANDBOX.close();
        FIXTURE.close();
    }

    @BeforeEach
    void needsTypeScript() {
        assumeTrue(
                FIXTURE.local.capabilities().runs(Language.TYPESCRIPT),
                "the Node.js here does not strip types (needs 22.6 or later): set "
                        + "-Dagentic.test.node=/path/to/node24/bin/node to run the TypeScript tests");
    }

    private static Code ts(String source) {
        return new Code(Language.TYPESCRIPT, source);
    }

    /** Whether the local sandbox opens TypeScript sessions (on the Node.js it was given). */
    private static void needsTypeScriptSessions() {
        try {
            FIXTURE.local.openSession(SessionOptions.of(Language.TYPESCRIPT)).close();
        } catch (UnsupportedCapabilityException e) {
            assumeTrue(false, "the local sandbox cannot open TypeScript sessions here: " + e.getMessage());
        }
    }

    @Test
    void aOneShotProgramWithTypesGetsItsSecretAndKeepsItsLineNumbers() {
        oneShot(ONE_SHOT, ONE_SHOT_FAKE);
    }

    @Test
    void aOneShotProgramRunsTheSameOnAFakeWithSessions() {
        needsTypeScriptSessions();
        oneShot(SANDBOX, FIXTURE.server);
    }

    private static void oneShot(AgentCoreSandbox sandbox, FakeAgentCoreServer server) {
        String secret = "ts-" + Long.toHexString(System.nanoTime());
        int first = server.requests().size();

        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(ts("const key: string = process.env.KEY ?? \"\";\n"
                        + "const twice = (n: number): number => n * 2;\n"
                        + "console.log(twice(21), key.length, key);\n"
                        + "throw new Error(\"broke on line 4\");\n"))
                .secret("KEY", secret)
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stdout())
                .as(r.stderr() + r.output().notes())
                .isEqualTo("42 " + secret.length() + " " + Redactor.MASK + "\n");
        assertThat(r.stderr()).contains("broke on line 4").containsPattern(":4:\\d+\\)?\\s");
        List<RecordedAgentCoreRequest> all = server.requests();
        List<RecordedAgentCoreRequest> sent = all.subList(first, all.size());
        assertThat(sent).allSatisfy(q -> assertThat(q.codeText()).doesNotContain(secret));
        assertThat(sent)
                .filteredOn(q -> q.tool().equals("executeCode"))
                .singleElement()
                .satisfies(
                        q -> assertThat(q.arguments().path("language").asText()).isEqualTo("typescript"));
        assertThat(server.activeSessions()).isZero();
    }

    @Test
    void stateLastsBetweenRunsOfATypeScriptSession() {
        needsTypeScriptSessions();
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.builder()
                .language(Language.TYPESCRIPT)
                .environment("BASE", "40")
                .build())) {
            session.execute(SessionRequest.of(ts("let x: number = Number(process.env.BASE) + 1;")));

            ExecutionResult r = session.execute(SessionRequest.of(ts("console.log(x + 1)")));

            assertThat(r.stdout()).isEqualTo("42\n");
        }
    }

    /** A view of a sandbox without its sessions: the fake then runs every call as a one-shot run. */
    private record OneShotOnly(Sandbox sandbox) implements Sandbox {
        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return sandbox.execute(request);
        }

        @Override
        public SandboxCapabilities capabilities() {
            return sandbox.capabilities().toBuilder()
                    .without(SandboxCapability.SESSIONS)
                    .build();
        }

        @Override
        public void close() {
            // the fixture closes the sandbox
        }
    }
}
