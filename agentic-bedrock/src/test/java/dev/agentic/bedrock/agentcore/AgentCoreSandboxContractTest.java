package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.testkit.contract.SandboxContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox contract for {@link AgentCoreSandbox}, through the real AWS SDK async client against the fake
 * AgentCore server, which runs the code in a real local sandbox. The cases that need variables to persist in
 * a session run only when the fake's sandbox keeps interpreter state.
 */
class AgentCoreSandboxContractTest extends SandboxContract {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    static final AgentCoreSandbox SANDBOX = FIXTURE.sandbox().build();

    @Override
    protected Sandbox sandbox() {
        return SANDBOX;
    }

    @Override
    protected Duration shortWallTime() {
        return Duration.ofSeconds(3);
    }

    @AfterAll
    static void close() {
        SANDBOX.close();
        FIXTURE.close();
    }

    /**
     * The service sends a run's output in one result event at its end, so a run cut off by the client-side wall
     * time has no output to keep; the rest of the contract case holds.
     */
    @Override
    @Test
    protected void wallTimeoutIsTimedOutWithPartialOutputKept() {
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(Code.python("import time\nprint('step 1 done', flush=True)\ntime.sleep(3600)"))
                .limits(l -> l.wallTime(shortWallTime()))
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(((ExecutionResult.TimedOut) r).limit()).isEqualTo(shortWallTime());
        assertThat(r.output().notes()).anyMatch(n -> n.contains("the session was stopped"));
    }

    @Override
    @Test
    protected void sessionKeepsStateBetweenRuns() {
        assumeTrue(FIXTURE.server.keepsInterpreterState(), "the fake's sandbox keeps no interpreter state");
        super.sessionKeepsStateBetweenRuns();
    }

    @Override
    @Test
    protected void sessionResetClearsState() {
        assumeTrue(FIXTURE.server.keepsInterpreterState(), "the fake's sandbox keeps no interpreter state");
        super.sessionResetClearsState();
    }
}
