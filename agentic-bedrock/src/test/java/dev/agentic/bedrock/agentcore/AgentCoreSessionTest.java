package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.testkit.aws.AgentCoreFault;
import dev.agentic.testkit.aws.RecordedAgentCoreRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Sessions, files and set-up of {@link AgentCoreSandbox}, through the real async client against the fake. */
class AgentCoreSessionTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    static final String SETUP = "echo prepared > setup-marker.txt";
    static final AgentCoreSandbox SANDBOX =
            FIXTURE.sandbox().setupCommand(SETUP).build();

    @AfterAll
    static void close() {
        SANDBOX.close();
        FIXTURE.close();
    }

    private static ExecutionResult run(SandboxSession session, String source) {
        return session.execute(SessionRequest.of(Code.python(source)));
    }

    private static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void binaryAndTextFilesRoundTripThroughASession() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON))) {
            session.writeFile(new InputFile("data/in.bin", allBytes()));
            session.writeFile(new InputFile("notes.txt", "grüße\n".getBytes(StandardCharsets.UTF_8)));

            ExecutionResult r = run(
                    session,
                    "data = open('data/in.bin', 'rb').read()\n"
                            + "open('out.bin', 'wb').write(bytes(reversed(data)))\n"
                            + "open('out.txt', 'w', encoding='utf-8').write(open('notes.txt', encoding='utf-8').read().upper())");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            byte[] reversed = allBytes();
            for (int i = 0; i < 128; i++) {
                byte t = reversed[i];
                reversed[i] = reversed[255 - i];
                reversed[255 - i] = t;
            }
            assertThat(session.readFile("out.bin"))
                    .hasValueSatisfying(f -> assertThat(f.content()).isEqualTo(reversed));
            assertThat(session.readFile("data/in.bin"))
                    .hasValueSatisfying(f -> assertThat(f.content()).isEqualTo(allBytes()));
            assertThat(session.readFile("out.txt"))
                    .hasValueSatisfying(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8))
                            .isEqualTo("GRÜSSE\n"));
            assertThat(session.collectFiles("**/*.bin"))
                    .extracting(OutputFile::path)
                    .containsExactlyInAnyOrder("data/in.bin", "out.bin");
        }
    }

    @Test
    void oneShotRunTakesBinaryInputsAndReturnsBinaryOutputs() {
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(Code.python("import os\nos.makedirs('out', exist_ok=True)\n"
                        + "open('out/copy.bin', 'wb').write(open('in.bin', 'rb').read()[::-1])"))
                .inputFile("in.bin", allBytes())
                .outputGlob("out/*.bin")
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.output().files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("out/copy.bin");
            assertThat(f.content()).hasSize(256).startsWith((byte) 255, (byte) 254);
        });
    }

    @Test
    void setUpCommandRunsOncePerServiceSessionBeforeThePrograms() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON))) {
            for (int i = 0; i < 3; i++) {
                ExecutionResult r = run(session, "print(open('setup-marker.txt').read().strip())");
                assertThat(r.stdout()).isEqualTo("prepared\n");
            }
            String sessionId = serviceSession(session);

            List<RecordedAgentCoreRequest> setups = FIXTURE.server.requests("executeCommand").stream()
                    .filter(q -> q.sessionId().equals(sessionId) && q.codeText().equals(SETUP))
                    .toList();
            assertThat(setups).hasSize(1);
            List<RecordedAgentCoreRequest> calls = FIXTURE.server.requests().stream()
                    .filter(q -> q.sessionId().equals(sessionId))
                    .toList();
            assertThat(calls.get(0).codeText()).isEqualTo(SETUP);
        }
    }

    @Test
    void anExpiredSessionIsReplacedAndTheResultSaysStateWasLost() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON))) {
            assertThat(run(session, "print('first')").succeeded()).isTrue();
            String first = serviceSession(session);
            FIXTURE.server.expire(first);

            ExecutionResult r = run(session, "print('second')");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(r.stdout()).isEqualTo("second\n");
            assertThat(r.output().notes())
                    .anyMatch(n -> n.contains("replaced one that had expired or was gone") && n.contains("were lost"));
            assertThat(serviceSession(session)).isNotEqualTo(first);
            ExecutionResult next = run(session, "print('third')");
            assertThat(next.output().notes()).noneMatch(n -> n.contains("were lost"));
        }
    }

    @Test
    void isAliveAsksTheServiceAndIsFalseOnceItsSessionExpired() {
        SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON));
        try {
            String id = serviceSession(session);
            long getsBefore = getRequestsFor(id);

            assertThat(session.isAlive()).isTrue();
            assertThat(getRequestsFor(id)).isEqualTo(getsBefore + 1);

            FIXTURE.server.expire(id);
            assertThat(session.isAlive()).isFalse();
        } finally {
            session.close();
        }
        assertThat(session.isAlive()).isFalse();
    }

    private static long getRequestsFor(String sessionId) {
        return FIXTURE.server.requests().stream()
                .filter(r -> r.operation() == AgentCoreFault.Operation.GET
                        && r.sessionId().equals(sessionId))
                .count();
    }

    @Test
    void aSessionExpiringJustBeforeACallIsReplacedTransparently() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON))) {
            FIXTURE.server.inject(AgentCoreFault.expireSession());

            ExecutionResult r = run(session, "print(open('setup-marker.txt').read().strip())");

            assertThat(r.stdout()).isEqualTo("prepared\n");
            assertThat(r.output().notes()).anyMatch(n -> n.contains("were lost"));
        }
    }

    @Test
    void aTimedOutRunStopsItsSessionAndTheNextRunGetsANewOne() {
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.of(Language.PYTHON))) {
            run(session, "print('warm')");
            String first = serviceSession(session);

            ExecutionResult r = session.execute(SessionRequest.builder()
                    .code(Code.python("import time\ntime.sleep(600)"))
                    .timeout(Duration.ofSeconds(2))
                    .build());

            assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
            assertThat(FIXTURE.server.activeSessionIds()).doesNotContain(first);
            assertThat(session.isAlive()).isTrue();
            ExecutionResult next = run(session, "print('again')");
            assertThat(next.stdout()).isEqualTo("again\n");
            assertThat(next.output().notes()).anyMatch(n -> n.contains("stopped after a run timed out"));
        }
    }

    @Test
    void sessionSecretsReachTheInterpreterWhenTheFakeKeepsState() {
        assumeTrue(FIXTURE.server.keepsInterpreterState(), "the fake's sandbox keeps no interpreter state");
        String secret = "sk-session-" + Long.toHexString(System.nanoTime());
        try (SandboxSession session = SANDBOX.openSession(SessionOptions.builder()
                .language(Language.PYTHON)
                .secret("API_KEY", secret)
                .build())) {
            ExecutionResult r = run(session, "import os\nprint(len(os.environ['API_KEY']), os.environ['API_KEY'])");

            assertThat(r.stdout()).startsWith(secret.length() + " ").doesNotContain(secret);
        }
    }

    @Test
    void closingTheSandboxStopsEverySessionItStarted() {
        AgentCoreSandbox own = FIXTURE.sandbox().build();
        SandboxSession a = own.openSession(SessionOptions.of(Language.PYTHON));
        SandboxSession b = own.openSession(SessionOptions.of(Language.PYTHON));
        List<String> ids = List.of(serviceSession(a), serviceSession(b));
        assertThat(FIXTURE.server.activeSessionIds()).containsAll(ids);

        own.close();

        assertThat(FIXTURE.server.activeSessionIds()).doesNotContainAnyElementsOf(ids);
        assertThat(a.isAlive()).isFalse();
    }

    /** The service session behind {@code session}: the one its latest run's notes name. */
    private static String serviceSession(SandboxSession session) {
        ExecutionResult r = run(session, "pass");
        Map<Boolean, List<String>> notes = r.output().notes().stream()
                .collect(Collectors.partitioningBy(n -> n.startsWith("agentcore: code interpreter")));
        String note = notes.get(true).get(0);
        return note.substring(note.lastIndexOf(' ') + 1);
    }
}
