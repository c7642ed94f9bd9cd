package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.bedrock.AgentCoreNetworkMode;
import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.testkit.aws.AgentCoreFault;
import dev.agentic.testkit.aws.AgentCoreFault.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreAsyncClient;

/** One-shot runs of {@link AgentCoreSandbox}: faults, leaks, network refusal, concurrency, client ownership. */
class AgentCoreRunTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    static final AgentCoreSandbox SANDBOX = FIXTURE.sandbox().build();

    @AfterAll
    static void close() {
        SANDBOX.close();
        FIXTURE.close();
    }

    @AfterEach
    void noSessionIsLeftRunning() {
        assertThat(FIXTURE.server.activeSessions()).as("sessions still running").isZero();
    }

    private static ExecutionRequest python(String source) {
        return ExecutionRequest.of(Code.python(source));
    }

    @Test
    void oneShotRunUsesAFreshSessionAndStopsIt() {
        int before = FIXTURE.server.startedSessions();

        ExecutionResult r = SANDBOX.execute(python("print(6 * 7)"));

        assertThat(r.stdout()).isEqualTo("42\n");
        assertThat(FIXTURE.server.startedSessions()).isEqualTo(before + 1);
        assertThat(r.output().notes()).anyMatch(n -> n.contains("not enforced per run"));
    }

    @Test
    void failedAndTimedOutRunsStopTheirSessions() {
        ExecutionResult failed = SANDBOX.execute(python("raise SystemExit(4)"));
        ExecutionResult timedOut = SANDBOX.execute(ExecutionRequest.builder()
                .code(Code.python("import time\ntime.sleep(600)"))
                .limits(l -> l.wallTime(Duration.ofSeconds(2)))
                .build());

        assertThat(failed).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) failed).exitCode()).isEqualTo(4);
        assertThat(timedOut).isInstanceOf(ExecutionResult.TimedOut.class);
    }

    @Test
    void serverErrorsAndInStreamExceptionsAreSandboxExceptionsAndLeakNoSession() {
        FIXTURE.server.inject(AgentCoreFault.serverError(Operation.INVOKE).times(4));
        assertThatThrownBy(() -> SANDBOX.execute(python("print(1)")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("status 500")
                .satisfies(e -> assertThat(((SandboxException) e).retryable()).isTrue());

        FIXTURE.server.inject(AgentCoreFault.inStream("validationException"));
        assertThatThrownBy(() -> SANDBOX.execute(python("print(1)")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("status 400");
    }

    @Test
    void throttledStartIsRetriedByTheClient() {
        FIXTURE.server.inject(AgentCoreFault.throttling(Operation.START));

        ExecutionResult r = SANDBOX.execute(python("print('after throttling')"));

        assertThat(r.stdout()).isEqualTo("after throttling\n");
    }

    @Test
    void aFailingSetUpCommandFailsTheRunAndStopsTheSession() {
        try (AgentCoreSandbox withSetup =
                FIXTURE.sandbox().setupCommand("exit 3").build()) {
            assertThatThrownBy(() -> withSetup.execute(python("print(1)")))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("Set-up command 1 of 1 failed")
                    .hasMessageContaining("exit 3");
        }
    }

    @Test
    void anInterruptedRunStopsItsSession() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                SANDBOX.execute(ExecutionRequest.builder()
                        .code(Code.python("import time\ntime.sleep(600)"))
                        .limits(l -> l.wallTime(Duration.ofMinutes(5)))
                        .build());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        int before = FIXTURE.server.requests("executeCode").size();
        runner.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (FIXTURE.server.requests("executeCode").size() == before) {
            assertThat(System.nanoTime()).as("the run started").isLessThan(deadline);
            Thread.sleep(20);
        }
        runner.interrupt();
        runner.join(60_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(SandboxException.class).hasMessageContaining("Interrupted");
    }

    @Test
    void anAllowlistIsRefusedUnlessTheBuilderStatesTheNetworkMode() {
        ExecutionRequest request = ExecutionRequest.builder()
                .code(Code.python("print('ran')"))
                .network(NetworkPolicy.allow("api.stripe.com"))
                .build();

        assertThatThrownBy(() -> SANDBOX.execute(request))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("cannot enforce a host allowlist")
                .hasMessageContaining("networkWithoutHostFiltering")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .containsExactly(SandboxCapability.HOST_ALLOWLIST));
        try (AgentCoreSandbox stated = FIXTURE.sandbox()
                .networkWithoutHostFiltering(AgentCoreNetworkMode.PUBLIC)
                .build()) {
            ExecutionResult r = stated.execute(request);

            assertThat(r.stdout()).isEqualTo("ran\n");
            assertThat(r.output().notes())
                    .anyMatch(n -> n.contains("network mode PUBLIC") && n.contains("was not enforced"));
            assertThat(stated.capabilities().has(SandboxCapability.HOST_ALLOWLIST))
                    .isFalse();
        }
    }

    @Test
    void sixtyFourConcurrentOneShotRunsAllSucceedAndLeaveNoSession() throws Exception {
        int n = 64;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> SANDBOX.execute(python("print(" + k + " * 2)"))));
            }
            int failures = 0;
            for (int i = 0; i < n; i++) {
                ExecutionResult r = futures.get(i).get(10, TimeUnit.MINUTES);
                if (!r.succeeded() || !r.stdout().equals((i * 2) + "\n")) {
                    failures++;
                }
            }
            assertThat(failures).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerBuiltClientStaysOpenAfterClose() {
        try (BedrockAgentCoreAsyncClient client = BedrockAgentCoreAsyncClient.builder()
                .endpointOverride(FIXTURE.server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .build()) {
            AgentCoreSandbox first = AgentCoreSandbox.builder().client(client).build();
            first.execute(python("print(1)"));
            first.close();

            AgentCoreSandbox second = AgentCoreSandbox.builder().client(client).build();
            assertThat(second.execute(python("print(2)")).stdout()).isEqualTo("2\n");
            second.close();
        }
    }

    @Test
    void aOneShotSessionGoneBeforeTheProgramIsReplacedOnceButAProgramIsNeverRunTwice() {
        FIXTURE.server.inject(AgentCoreFault.expireSession());
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(Code.python("print(open('in.txt').read())"))
                .inputFile("in.txt", "data".getBytes(StandardCharsets.UTF_8))
                .build());

        assertThat(r.stdout()).isEqualTo("data\n");
        assertThat(r.output().notes()).anyMatch(n -> n.contains("ran again in a new one"));

        int runs = FIXTURE.server.requests("executeCode").size();
        FIXTURE.server.inject(AgentCoreFault.expireSession());
        assertThatThrownBy(() -> SANDBOX.execute(python("print('once')")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("not run again")
                .satisfies(e -> assertThat(((SandboxException) e).retryable()).isTrue());
        assertThat(FIXTURE.server.requests("executeCode")).hasSize(runs + 1);
    }

    @Test
    void anInterruptAtAnyPointLeavesNoSessionRunning() throws Exception {
        for (int delay : new int[] {0, 5, 20, 60, 150}) {
            Thread runner = new Thread(() -> {
                try {
                    SANDBOX.execute(python("print(1)"));
                } catch (SandboxException expected) {
                    // interrupted somewhere between start and stop
                }
            });
            runner.start();
            Thread.sleep(delay);
            runner.interrupt();
            runner.join(60_000);
            assertThat(runner.isAlive()).isFalse();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (FIXTURE.server.activeSessions() > 0) {
            assertThat(System.nanoTime()).as("sessions stopped").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
