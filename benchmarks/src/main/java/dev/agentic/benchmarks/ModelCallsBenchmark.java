package dev.agentic.benchmarks;

import static dev.agentic.benchmarks.BenchFixtures.FAILING_PROGRAM;
import static dev.agentic.benchmarks.BenchFixtures.GOOD_PROGRAM;
import static dev.agentic.benchmarks.BenchFixtures.TASK;
import static dev.agentic.benchmarks.BenchFixtures.answer;

import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.fakes.ScriptedAnswer;
import dev.agentic.fakes.ScriptedChatModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Model calls and tokens per successful task, for the default pipeline and for {@link AgentOrchestrator} on
 * the same task, whose first program fails its run and whose second succeeds. The pipeline is the baseline:
 * two generator calls. The agent adds the leading model's rounds (generate_code, execute_code,
 * generate_code, execute_code, final answer) to the same two generator calls.
 *
 * <p>Tokens are {@link ScriptedChatModel}'s estimate (one per four characters of prompt and answer), the
 * same rule for both, so the ratio is meaningful even though the absolute numbers are not a real model's.
 * The counters {@code tasks}, {@code modelCalls}, {@code tokens} and {@code outputTokens} are totals over the measured
 * iterations; the per-task figures are printed as a {@code [model calls]} line when each benchmark ends. The
 * time per task is reported too (instant sandbox, so it is the SDK's and the scripted model's cost).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ModelCallsBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelCallsBenchmark {
    private static final String GOOD_ANSWER = answer(GOOD_PROGRAM);
    private static final String FAILING_ANSWER = answer(FAILING_PROGRAM);

    private ModelGenerator generator;
    private Executor executor;
    private Orchestrator pipeline;
    private ArtifactStore agentStore;

    /**
     * Totals of one iteration (JMH sums {@code EVENTS} counters over the measured iterations, so the summary
     * rows are totals: divide them by {@code tasks}). The per-task figures of
     * the whole trial are printed when it ends.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long tasks;
        public long modelCalls;
        public long tokens;
        public long outputTokens;
        private long trialTasks;
        private long trialCalls;
        private long trialTokens;
        private long trialOutputTokens;

        @Setup(Level.Iteration)
        public void reset() {
            tasks = 0;
            modelCalls = 0;
            tokens = 0;
            outputTokens = 0;
        }

        @TearDown(Level.Iteration)
        public void accumulate() {
            trialTasks += tasks;
            trialCalls += modelCalls;
            trialTokens += tokens;
            trialOutputTokens += outputTokens;
        }

        @TearDown(Level.Trial)
        public void print() {
            System.out.printf(
                    "%n[model calls] %d successful tasks (warm-up included): %.2f model calls/task, "
                            + "%.1f tokens/task (%.1f of them output)%n",
                    trialTasks,
                    (double) trialCalls / trialTasks,
                    (double) trialTokens / trialTasks,
                    (double) trialOutputTokens / trialTasks);
        }

        void add(WorkflowResult r) {
            if (!r.succeeded() || r.attempts().size() != 2) {
                throw new IllegalStateException("expected success on the second attempt, got " + r);
            }
            tasks++;
            modelCalls += r.modelCalls();
            tokens += r.usage().totalTokens();
            outputTokens += r.usage().outputTokens();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        executor =
                Executor.builder().sandbox(new BenchFixtures.InstantSandbox()).build();
    }

    /** A fresh scripted model (it keeps every request) and fresh in-memory stores per iteration. */
    @Setup(Level.Iteration)
    public void freshModelAndStores() {
        generator = ModelGenerator.builder()
                .model(ScriptedChatModel.builder()
                        .respondWithText(
                                req -> BenchFixtures.isRepairAfterFailedRun(req) ? GOOD_ANSWER : FAILING_ANSWER)
                        .build())
                .build();
        pipeline = Orchestrator.builder()
                .generator(generator)
                .executor(executor)
                .store(ArtifactStore.inMemory())
                .build();
        agentStore = ArtifactStore.inMemory();
    }

    /** Baseline: the default pipeline; the failed run's feedback goes straight into the second generation. */
    @Benchmark
    public WorkflowResult pipeline(Counts counts) {
        WorkflowResult r = pipeline.run(TASK);
        counts.add(r);
        return r;
    }

    /** The agent: a tool-using model decides to generate, execute, regenerate, execute and answer. */
    @Benchmark
    public WorkflowResult agent(Counts counts) {
        ScriptedChatModel leader = ScriptedChatModel.builder()
                .id("leader")
                .answer(ScriptedAnswer.toolUse("generate_code", "{}"))
                .answer(ScriptedAnswer.toolUse("execute_code", "{\"code_id\":\"code-1\"}"))
                .answer(ScriptedAnswer.toolUse("generate_code", "{}"))
                .answer(ScriptedAnswer.toolUse("execute_code", "{\"code_id\":\"code-2\"}"))
                .answer("The program printed the first twenty primes; their sum is 639.")
                .build();
        WorkflowResult r = AgentOrchestrator.builder()
                .model(leader)
                .generator(generator)
                .executor(executor)
                .store(agentStore)
                .build()
                .run(TASK);
        counts.add(r);
        return r;
    }
}
