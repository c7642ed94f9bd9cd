package dev.agentic.benchmarks;

import static dev.agentic.benchmarks.BenchFixtures.GOOD_PROGRAM;
import static dev.agentic.benchmarks.BenchFixtures.TASK;
import static dev.agentic.benchmarks.BenchFixtures.answer;

import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * 64 workflows at once through the default pipeline with the real {@link LocalSandbox} (bubblewrap, default
 * settings: 4 concurrent runs per core, the rest wait for a slot), each running a small real Python program
 * (the first twenty primes and their sum), against 64 concurrent bare {@code python3 -I -c <same program>}
 * processes started from Java in the same run. Two diagnostics split the difference: the same 64 runs
 * straight through the sandbox (no workflow), and the workflows with a sandbox that admits all 64 at once.
 *
 * <p>One operation is one batch of 64; the score is the batch's wall time. For the measured batches the
 * benchmark prints a {@code [64 concurrent]} line: throughput (tasks/s), p50 and p99 latency per workflow
 * (or per process) and the failure count (a workflow that did not succeed or printed the wrong sum, a
 * process that exited non-zero or printed the wrong sum, or an exception).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConcurrentWorkflowsBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class ConcurrentWorkflowsBenchmark {
    static final int WORKFLOWS = 64;
    private static final String EXPECTED = "sum: 639";

    private LocalSandbox sandbox;
    private LocalSandbox wideSandbox;
    private Orchestrator pipeline;
    private Orchestrator widePipeline;
    private ExecutorService pool;
    private String python;
    private final List<Long> latenciesNanos = new ArrayList<>();
    private long batchesNanos;
    private int batches;
    private int failures;
    private boolean measuring;

    @Setup(Level.Trial)
    public void setUp() {
        sandbox = LocalSandbox.builder().build();
        wideSandbox = LocalSandbox.builder().maxConcurrentRuns(WORKFLOWS).build();
        String good = answer(GOOD_PROGRAM);
        ModelGenerator generator = ModelGenerator.builder()
                .model(ScriptedChatModel.builder().respondWithText(req -> good).build())
                .build();
        pipeline = Orchestrator.builder()
                .generator(generator)
                .executor(Executor.builder().sandbox(sandbox).build())
                .store(ArtifactStore.inMemory())
                .build();
        widePipeline = Orchestrator.builder()
                .generator(generator)
                .executor(Executor.builder().sandbox(wideSandbox).build())
                .store(ArtifactStore.inMemory())
                .build();
        pool = Executors.newFixedThreadPool(WORKFLOWS);
        python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        pool.shutdownNow();
        sandbox.close();
        wideSandbox.close();
        long[] sorted =
                latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf(
                "%n[64 concurrent] %s: %d measured batches, %d runs, %.1f tasks/s, p50 %.0f ms, "
                        + "p99 %.0f ms, %d failures%n",
                name,
                batches,
                sorted.length,
                sorted.length / (batchesNanos / 1e9),
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                failures);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** 64 concurrent workflows: scripted model, real validator, in-memory store, real sandboxed python3. */
    @Benchmark
    public int sixtyFourWorkflows() throws Exception {
        return batch(() -> {
            WorkflowResult r = pipeline.run(TASK);
            return r.succeeded()
                    && r.finalResult().map(x -> x.stdout().contains(EXPECTED)).orElse(false);
        });
    }

    /** Diagnostic: {@link #sixtyFourWorkflows()} with a sandbox that admits all 64 runs at once. */
    @Benchmark
    public int sixtyFourWorkflowsSixtyFourSlots() throws Exception {
        return batch(() -> {
            WorkflowResult r = widePipeline.run(TASK);
            return r.succeeded()
                    && r.finalResult().map(x -> x.stdout().contains(EXPECTED)).orElse(false);
        });
    }

    /**
     * Diagnostic: 64 concurrent runs of the same program straight through the default {@link LocalSandbox},
     * without the workflow (no model, validator or store), to split the sandbox's cost from the workflow's.
     */
    @Benchmark
    public int sixtyFourSandboxRuns() throws Exception {
        ExecutionRequest request = ExecutionRequest.of(Code.python(GOOD_PROGRAM));
        return batch(() -> {
            ExecutionResult r = sandbox.execute(request);
            return r.succeeded() && r.stdout().contains(EXPECTED);
        });
    }

    /** Baseline: 64 concurrent {@code python3 -I -c <program>} processes, no SDK and no sandbox. */
    @Benchmark
    public int sixtyFourBarePythons() throws Exception {
        return batch(() -> {
            ProcessBuilder pb =
                    new ProcessBuilder(python, "-I", "-c", GOOD_PROGRAM).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return p.waitFor() == 0 && out.contains(EXPECTED);
        });
    }

    /** Runs {@code job} 64 times at once, times each, and counts failures; returns how many succeeded. */
    private int batch(Callable<Boolean> job) throws Exception {
        List<Future<Long>> runs = new ArrayList<>(WORKFLOWS);
        long start = System.nanoTime();
        for (int i = 0; i < WORKFLOWS; i++) {
            runs.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = job.call();
                } catch (Exception e) {
                    ok = false;
                }
                long took = System.nanoTime() - t0;
                return ok ? took : -took;
            }));
        }
        long[] took = new long[WORKFLOWS];
        for (int i = 0; i < WORKFLOWS; i++) {
            took[i] = runs.get(i).get();
        }
        long wall = System.nanoTime() - start;
        int ok = (int) Arrays.stream(took).filter(t -> t > 0).count();
        if (measuring) {
            batches++;
            batchesNanos += wall;
            failures += WORKFLOWS - ok;
            Arrays.stream(took).forEach(t -> latenciesNanos.add(Math.abs(t)));
        }
        return ok;
    }
}
