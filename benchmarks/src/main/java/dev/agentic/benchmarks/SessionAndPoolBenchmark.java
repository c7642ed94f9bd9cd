package dev.agentic.benchmarks;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
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
 * Sessions and pre-started interpreters against a bare {@code python3 -I -c pass} in the same run: a warm
 * session run of {@code x = 1}; a one-shot {@code pass} on a pooled interpreter, cold, and bare; 20 concurrent
 * pooled one-shot runs against 20 concurrent bare interpreters. Sample mode, so the results carry medians.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SessionAndPoolBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(1)
public class SessionAndPoolBenchmark {
    private static final ExecutionRequest PASS = ExecutionRequest.of(Code.python("pass"));
    private static final SessionRequest ASSIGN = SessionRequest.of(Code.python("x = 1"));
    /** Idle time before each one-shot run. */
    static final long PAUSE_MILLIS = 250;

    private LocalSandbox cold;
    private LocalSandbox pooled;
    private LocalSandbox pooledTwenty;
    private SandboxSession session;
    private ExecutorService threads;
    private String python;

    @Setup
    public void setUp() {
        cold = LocalSandbox.builder().build();
        pooled = LocalSandbox.builder().interpreterPool(4).build();
        pooledTwenty =
                LocalSandbox.builder().interpreterPool(20).maxConcurrentRuns(20).build();
        session = cold.openSession(SessionOptions.of(Language.PYTHON));
        threads = Executors.newFixedThreadPool(20);
        python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
    }

    @TearDown
    public void tearDown() {
        threads.shutdownNow();
        session.close();
        cold.close();
        pooled.close();
        pooledTwenty.close();
    }

    /**
     * One-shot requests arrive with time between them (not measured; in a workflow, a model call of a second or
     * more), long enough here for the pool's background thread to start a replacement on a loaded machine. The
     * same pause precedes the bare and the cold runs, so all three find the machine alike.
     */
    @State(Scope.Thread)
    public static class BetweenRequests {
        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Thread.sleep(PAUSE_MILLIS);
        }
    }

    /** Time for the pool of 20 to refill after a burst (not measured). */
    @State(Scope.Thread)
    public static class BetweenBursts {
        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Thread.sleep(5_000);
        }
    }

    @Benchmark
    public ExecutionResult warmSessionAssign() {
        return check(session.execute(ASSIGN));
    }

    @Benchmark
    public ExecutionResult pooledInterpreterPass(BetweenRequests pause) {
        return check(pooled.execute(PASS));
    }

    @Benchmark
    public ExecutionResult coldSandboxedPass(BetweenRequests pause) {
        return check(cold.execute(PASS));
    }

    @Benchmark
    public int barePythonPass(BetweenRequests pause) throws IOException, InterruptedException {
        return bare();
    }

    @Benchmark
    @Measurement(iterations = 4, time = 12)
    public int twentyConcurrentPooledRuns(BetweenBursts pause) throws Exception {
        List<Future<ExecutionResult>> runs = new ArrayList<>(20);
        for (int i = 0; i < 20; i++) {
            runs.add(threads.submit(() -> pooledTwenty.execute(PASS)));
        }
        int ok = 0;
        for (Future<ExecutionResult> f : runs) {
            ok += check(f.get()).succeeded() ? 1 : 0;
        }
        return ok;
    }

    @Benchmark
    @Measurement(iterations = 4, time = 12)
    public int twentyConcurrentBarePythons(BetweenBursts pause) throws Exception {
        List<Future<Integer>> runs = new ArrayList<>(20);
        for (int i = 0; i < 20; i++) {
            runs.add(threads.submit(this::bare));
        }
        int ok = 0;
        for (Future<Integer> f : runs) {
            ok += f.get() == 0 ? 1 : 0;
        }
        return ok;
    }

    private int bare() throws IOException, InterruptedException {
        return barePass(python);
    }

    /** Starts {@code python -I -c pass} with an empty environment and waits for it; returns its exit status. */
    static int barePass(String python) throws IOException, InterruptedException {
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

    private static ExecutionResult check(ExecutionResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("run failed: " + r);
        }
        return r;
    }
}
