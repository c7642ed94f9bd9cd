package dev.agentic.benchmarks;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The AgentCore sandbox adapter's own cost per call: {@code print(1)} one-shot and in a warm session through
 * {@link AgentCoreSandbox} against {@link FakeAgentCoreServer} (which runs the code in a {@link LocalSandbox}),
 * next to the same through that {@link LocalSandbox} directly, in the same run. The ratio of each pair is
 * the overhead of the AWS SDK client, HTTP, event-stream framing, the session start and stop calls and the
 * fake's bookkeeping; the real service adds network latency and its own microVM start on top. The fork runs
 * with {@code -Dsun.net.httpserver.nodelay=true}: without it the JDK's HTTP server under the fake leaves
 * Nagle's algorithm on, and every answer waits about 40 ms for the client's delayed ACK, which would be
 * measured as adapter overhead although a real endpoint does not add it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AgentCoreSandboxBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class AgentCoreSandboxBenchmark {
    private static final ExecutionRequest PRINT_1 = ExecutionRequest.of(Code.python("print(1)"));
    private static final SessionRequest PRINT_1_IN_SESSION = SessionRequest.of(Code.python("print(1)"));

    private LocalSandbox local;
    private FakeAgentCoreServer server;
    private AgentCoreSandbox agentCore;
    private SandboxSession localSession;
    private SandboxSession agentCoreSession;

    @Setup
    public void setUp() {
        local = LocalSandbox.builder().build();
        server = FakeAgentCoreServer.start(local);
        agentCore = AgentCoreSandbox.builder()
                .endpoint(server.endpoint())
                .region(Region.US_EAST_1)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .build();
        if (local.capabilities().supportsSessions()) {
            localSession = local.openSession(SessionOptions.of(Language.PYTHON));
        }
        agentCoreSession = agentCore.openSession(SessionOptions.of(Language.PYTHON));
    }

    @TearDown
    public void tearDown() {
        if (localSession != null) {
            localSession.close();
        }
        agentCoreSession.close();
        agentCore.close();
        server.close();
        local.close();
    }

    /** Baseline: a one-shot run in the local sandbox. */
    @Benchmark
    public ExecutionResult localOneShot() {
        return check(local.execute(PRINT_1));
    }

    /** Start a session in the fake, run, stop it: through the SDK client and the fake, on the same local sandbox. */
    @Benchmark
    public ExecutionResult agentCoreOneShot() {
        return check(agentCore.execute(PRINT_1));
    }

    /** Baseline: a run in a warm local session (when the local sandbox offers sessions). */
    @Benchmark
    public ExecutionResult localWarmSession() {
        if (localSession == null) {
            throw new IllegalStateException("this LocalSandbox offers no sessions");
        }
        return check(localSession.execute(PRINT_1_IN_SESSION));
    }

    /** A run in a warm AgentCore session: one InvokeCodeInterpreter call. */
    @Benchmark
    public ExecutionResult agentCoreWarmSession() {
        return check(agentCoreSession.execute(PRINT_1_IN_SESSION));
    }

    private static ExecutionResult check(ExecutionResult r) {
        if (!r.succeeded() || !r.stdout().equals("1\n")) {
            throw new IllegalStateException("print(1) did not print 1: " + r.describe());
        }
        return r;
    }
}
