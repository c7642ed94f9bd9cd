package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The session cases of {@link SandboxContract} (kept apart to keep each file readable): state persists
 * between runs, reset clears it, close ends it, files go in and come out; a sandbox without
 * {@link SandboxCapability#SESSIONS} refuses to open one. Extend {@link SandboxContract}, not this class.
 */
abstract class SandboxSessionCases {

    /** The sandbox under test. */
    protected abstract Sandbox sandbox();

    /** Skips the calling case unless the sandbox declares every one of {@code needed}. */
    protected final void assumeCapable(SandboxCapability... needed) {
        SandboxCapabilities declared = sandbox().capabilities();
        for (SandboxCapability c : needed) {
            assumeTrue(declared.has(c), () -> sandbox() + " does not declare " + c);
        }
    }

    private SandboxSession pythonSession() {
        return sandbox().openSession(SessionOptions.of(Language.PYTHON));
    }

    private static ExecutionResult run(SandboxSession session, String source) {
        return session.execute(SessionRequest.of(Code.python(source)));
    }

    @Test
    protected void sandboxWithoutSessionsRefusesToOpenOne() {
        assumeTrue(!sandbox().capabilities().supportsSessions(), "the sandbox declares SESSIONS");

        assertThatThrownBy(this::pythonSession)
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("SESSIONS")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .contains(SandboxCapability.SESSIONS));
    }

    @Test
    protected void sessionKeepsStateBetweenRuns() {
        assumeCapable(SandboxCapability.SESSIONS);
        try (SandboxSession session = pythonSession()) {
            assertThat(run(session, "counter = 41").succeeded()).isTrue();
            ExecutionResult r = run(session, "counter += 1\nprint(counter)");

            assertThat(r.stdout()).isEqualTo("42\n");
            assertThat(session.language()).isEqualTo(Language.PYTHON);
            assertThat(session.id()).isNotBlank();
        }
    }

    @Test
    protected void sessionResetClearsState() {
        assumeCapable(SandboxCapability.SESSIONS);
        try (SandboxSession session = pythonSession()) {
            run(session, "forgotten = 1");
            session.reset();
            ExecutionResult r = run(session, "print('forgotten' in globals())");

            assertThat(r.stdout()).isEqualTo("False\n");
            assertThat(session.isAlive()).isTrue();
        }
    }

    @Test
    protected void closedSessionIsNotAliveAndRefusesRuns() {
        assumeCapable(SandboxCapability.SESSIONS);
        SandboxSession session = pythonSession();
        assertThat(session.isAlive()).isTrue();

        session.close();
        session.close();

        assertThat(session.isAlive()).isFalse();
        assertThatThrownBy(() -> run(session, "print(1)")).isInstanceOf(SandboxException.class);
    }

    @Test
    protected void sessionFilesGoInAndComeOut() {
        assumeCapable(SandboxCapability.SESSIONS);
        try (SandboxSession session = pythonSession()) {
            session.writeFile(new InputFile("in.txt", "abc".getBytes(StandardCharsets.UTF_8)));
            ExecutionResult r = run(session, "open('out.txt', 'w').write(open('in.txt').read().upper())");

            assertThat(r.succeeded()).as(r.stderr()).isTrue();
            assertThat(session.readFile("out.txt"))
                    .hasValueSatisfying(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8))
                            .isEqualTo("ABC"));
            assertThat(session.collectFiles("*.txt"))
                    .extracting(OutputFile::path)
                    .contains("in.txt", "out.txt");
            assertThat(session.readFile("missing.txt")).isEmpty();
        }
    }
}
