package dev.agentic.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptedSandboxTest {
    private static final ExecutionRequest HELLO = ExecutionRequest.of(Code.python("print('hello')"));

    @Test
    void resultsComeInOrderThenFromTheFunction() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .succeed("one\n")
                .fail(2, "boom\n")
                .respondWith(r -> new ExecutionResult.Succeeded(
                        ExecutionOutput.of(r.code().source(), "", Duration.ZERO)))
                .build();

        assertThat(sandbox.execute(HELLO).stdout()).isEqualTo("one\n");
        assertThat(sandbox.execute(HELLO))
                .isEqualTo(new ExecutionResult.Failed(2, ExecutionOutput.of("", "boom\n", Duration.ZERO)));
        assertThat(sandbox.execute(HELLO).stdout()).isEqualTo("print('hello')");
    }

    @Test
    void aRunBeyondTheScriptFailsSayingHowManyResultsWereGiven() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder().succeed("only\n").build();
        sandbox.execute(HELLO);

        assertThatThrownBy(() -> sandbox.execute(HELLO))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("no result for run 2; it was given 1");
    }

    @Test
    void declaresEverythingByDefaultSoAnExecutorHandsItAnyRequest() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder().succeed("created\n").build();
        ExecutionRequest request = ExecutionRequest.builder()
                .code(Code.python("print('created')"))
                .network(NetworkPolicy.allow("api.stripe.com"))
                .secret("STRIPE_API_KEY", "sk_test_1")
                .limits(l -> l.memoryBytes(64L << 20))
                .outputGlob("*.json")
                .build();

        ExecutionOutcome outcome = Executor.builder().sandbox(sandbox).build().execute(request);

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(sandbox.lastRequest()).isSameAs(request);
        assertThat(sandbox.capabilities().capabilities()).containsExactlyInAnyOrder(SandboxCapability.values());
        assertThat(sandbox.capabilities().languages()).containsExactlyInAnyOrder(Language.values());
    }

    @Test
    void declaringLessMakesItRefuseWhatNeedsMoreAndStillRecordTheRequest() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .succeed("never\n")
                .capabilities(SandboxCapabilities.builder()
                        .language(Language.PYTHON)
                        .capability(SandboxCapability.NETWORK_ISOLATION)
                        .build())
                .build();
        ExecutionRequest withHosts =
                HELLO.toBuilder().network(NetworkPolicy.allow("example.com")).build();

        assertThatThrownBy(() -> sandbox.execute(withHosts))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("HOST_ALLOWLIST");
        assertThatThrownBy(() -> sandbox.openSession(o -> o.language(Language.PYTHON)))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("SESSIONS");
        assertThat(sandbox.requests()).containsExactly(withHosts);
        assertThat(sandbox.execute(HELLO).stdout()).isEqualTo("never\n");
    }

    @Test
    void concurrentRunsEachTakeOneResult() throws Exception {
        ScriptedSandbox.Builder b = ScriptedSandbox.builder();
        int n = 200;
        for (int i = 0; i < n; i++) {
            b.succeed("r" + i);
        }
        ScriptedSandbox sandbox = b.build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> sandbox.execute(HELLO).stdout()));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> f : futures) {
                seen.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(n);
            assertThat(sandbox.requests()).hasSize(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeEndsOpenSessionsAndRefusesLaterCalls() {
        ScriptedSandbox sandbox = ScriptedSandbox.of();
        ScriptedSession session = sandbox.openSession(o -> o.language(Language.PYTHON));

        sandbox.close();
        sandbox.close();

        assertThat(sandbox.isClosed()).isTrue();
        assertThat(session.isAlive()).isFalse();
        assertThatThrownBy(() -> sandbox.execute(HELLO))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> sandbox.openSession(o -> o.language(Language.PYTHON)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("closed");
    }
}
