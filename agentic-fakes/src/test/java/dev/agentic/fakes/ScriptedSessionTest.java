package dev.agentic.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptedSessionTest {

    private static ExecutionResult run(ScriptedSession session, String source) {
        return session.execute(SessionRequest.of(Code.python(source)));
    }

    /** A script whose "interpreter state" is the number of runs since the last reset, reported as the value. */
    private static ScriptedSandbox counting() {
        return ScriptedSandbox.builder()
                .sessionRespondWith((session, request) -> new ExecutionResult.Succeeded(ExecutionOutput.builder()
                        .value(Integer.toString(session.requestsSinceReset().size()))
                        .build()))
                .build();
    }

    @Test
    void theScriptSeesTheSessionHistoryAndResetStartsItAfresh() {
        try (ScriptedSession session = counting().openSession(o -> o.language(Language.PYTHON))) {
            run(session, "a = 1");
            assertThat(run(session, "a").output().value()).contains("2");

            session.reset();

            assertThat(run(session, "a").output().value()).contains("1");
            assertThat(session.resetCount()).isEqualTo(1);
            assertThat(session.requests()).hasSize(3);
            assertThat(session.id()).isEqualTo("scripted-session-1");
        }
    }

    @Test
    void listedSessionResultsComeFirstInOrder() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .sessionResult(new ExecutionResult.Succeeded(
                        ExecutionOutput.builder().value("42").build()))
                .build();
        try (ScriptedSession session = sandbox.openSession(o -> o.language(Language.PYTHON))) {
            assertThat(run(session, "6 * 7").output().value()).contains("42");
            assertThatThrownBy(() -> run(session, "1"))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("no result for run 2 of scripted-session-1");
        }
    }

    @Test
    void filesWrittenAndFilesOfResultsAreCollectedUntilReset() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .sessionResult(new ExecutionResult.Succeeded(ExecutionOutput.builder()
                        .file(new OutputFile("out/report.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)))
                        .build()))
                .build();
        try (ScriptedSession session = sandbox.openSession(o -> o.language(Language.PYTHON))) {
            session.writeFile(new InputFile("in[1].txt", "x".getBytes(StandardCharsets.UTF_8)));
            run(session, "write the report");

            assertThat(session.collectFiles("out/*.csv"))
                    .extracting(OutputFile::path)
                    .containsExactly("out/report.csv");
            assertThat(session.readFile("in[1].txt"))
                    .hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(1));
            assertThat(session.readFile("missing.txt")).isEmpty();

            session.reset();

            assertThat(session.collectFiles("**")).isEmpty();
            assertThat(session.writtenFiles()).extracting(InputFile::name).containsExactly("in[1].txt");
        }
    }

    @Test
    void aClosedSessionIsNotAliveAndRefusesEveryCall() {
        ScriptedSession session = counting().openSession(o -> o.language(Language.PYTHON));
        assertThat(session.isAlive()).isTrue();

        session.close();
        session.close();

        assertThat(session.isAlive()).isFalse();
        assertThatThrownBy(() -> run(session, "1"))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(session::reset).isInstanceOf(SandboxException.class);
        assertThatThrownBy(() -> session.collectFiles("*")).isInstanceOf(SandboxException.class);
    }

    @Test
    void codeInAnotherLanguageIsRefusedAndNotRecorded() {
        try (ScriptedSession session = counting().openSession(o -> o.language(Language.PYTHON))) {
            assertThatThrownBy(() -> session.execute(SessionRequest.of(Code.java("class Main {}"))))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("not JAVA");
            assertThat(session.requests()).isEmpty();
        }
    }

    @Test
    void theSandboxRecordsEverySessionWithItsOptions() {
        ScriptedSandbox sandbox = counting();
        sandbox.openSession(o -> o.language(Language.PYTHON).secret("K", "v")).close();
        sandbox.openSession(o -> o.language(Language.JAVA));

        assertThat(sandbox.sessions())
                .extracting(ScriptedSession::language)
                .containsExactly(Language.PYTHON, Language.JAVA);
        assertThat(sandbox.sessions().get(0).options().secrets()).containsKey("K");
        assertThat(sandbox.sessions().get(0).isAlive()).isFalse();
        assertThat(sandbox.sessions().get(1).isAlive()).isTrue();
    }
}
