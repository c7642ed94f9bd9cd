package dev.agentic.benchmarks;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.sandbox.LocalSandbox;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up cost of the local sandbox: a one-shot {@code pass} through {@link LocalSandbox}, cold and with
 * {@code prestart}, against a bare {@code python3 -I -c pass} started from Java in the same run, each after a
 * pause; prestarted runs back to back; and 20 concurrent one-shot runs.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SandboxStartupBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SandboxStartupBenchmark {
    private static final ExecutionRequest PASS = ExecutionRequest.of(Code.python("pass"));
    /** {@code pass} with an allowlist: the run gets its egress proxy and the forwarder inside. */
    private static final ExecutionRequest PASS_WITH_NETWORK = ExecutionRequest.builder()
            .code(Code.python("pass"))
            .network(NetworkPolicy.allow("api.stripe.com"))
            .build();
    /** Idle time before each one-shot run (see {@link BetweenRequests}). */
    static final long PAUSE_MILLIS = 50;

    private LocalSandbox sandbox;
    private LocalSandbox prestarted;
    private ExecutorService pool;
    private String python;

    @Setup
    public void setUp() {
        sandbox = LocalSandbox.builder().maxConcurrentRuns(20).build();
        prestarted = LocalSandbox.builder()
                .prestart(Language.PYTHON, 2)
                .prestartWithNetwork(Language.PYTHON, 2)
                .build();
        pool = Executors.newFixedThreadPool(20);
        python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
    }

    @TearDown
    public void tearDown() {
        pool.shutdownNow();
        sandbox.close();
        prestarted.close();
    }

    /**
     * A pause before each one-shot run, not measured: requests arrive one at a time with time between them
     * (in a workflow, a model call), so the run finds the machine idle and, with prestart, its replacement
     * sandbox set up. Without it a closed loop measures how fast sandboxes can be set up back to back.
     */
    @State(Scope.Thread)
    public static class BetweenRequests {
        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Thread.sleep(PAUSE_MILLIS);
        }
    }

    @Benchmark
    public ExecutionResult sandboxedPass(BetweenRequests pause) {
        return passIn(sandbox);
    }

    /**
     * The same run through a sandbox built with {@code prestart(PYTHON, 2)}: set-up happened ahead of the
     * request, and a replacement is set up in the background while this run goes on (on the same cores).
     */
    @Benchmark
    public ExecutionResult prestartedSandboxPass(BetweenRequests pause) {
        return passIn(prestarted);
    }

    /**
     * Diagnostic: prestarted runs back to back with no pause, so each run competes with the set-up of its
     * replacement and, under load, finds none ready: prestart shortens a run's latency, not the CPU a
     * sandbox costs, so it cannot raise sustained throughput.
     */
    @Benchmark
    public ExecutionResult prestartedSandboxPassBackToBack() {
        return passIn(prestarted);
    }

    /** {@code pass} with an allowlist on the default sandbox: egress proxy, forwarder start, then the program. */
    @Benchmark
    public ExecutionResult sandboxedPassWithNetwork(BetweenRequests pause) {
        return passIn(sandbox, PASS_WITH_NETWORK);
    }

    /** The same on {@code prestartWithNetwork(PYTHON, 2)}: only the proxy and the program start per request. */
    @Benchmark
    public ExecutionResult prestartedSandboxPassWithNetwork(BetweenRequests pause) {
        return passIn(prestarted, PASS_WITH_NETWORK);
    }

    private static ExecutionResult passIn(LocalSandbox target) {
        return passIn(target, PASS);
    }

    private static ExecutionResult passIn(LocalSandbox target, ExecutionRequest request) {
        ExecutionResult r = target.execute(request);
        if (!r.succeeded()) {
            throw new IllegalStateException("pass failed in " + target + ": " + r);
        }
        return r;
    }

    @Benchmark
    public int barePythonPass(BetweenRequests pause) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python, "-I", "-c", "pass")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("bare python exited " + code);
        }
        return code;
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 3)
    public int twentyConcurrentSandboxedRuns() throws Exception {
        List<Future<ExecutionResult>> runs = new ArrayList<>(20);
        for (int i = 0; i < 20; i++) {
            runs.add(pool.submit(() -> sandbox.execute(PASS)));
        }
        int ok = 0;
        for (Future<ExecutionResult> f : runs) {
            ok += f.get().succeeded() ? 1 : 0;
        }
        if (ok != 20) {
            throw new IllegalStateException(ok + " of 20 concurrent runs succeeded");
        }
        return ok;
    }
}
