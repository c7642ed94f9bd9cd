package dev.agentic.benchmarks;

import static dev.agentic.benchmarks.BenchFixtures.GOOD_PROGRAM;
import static dev.agentic.benchmarks.BenchFixtures.REJECTED_PROGRAM;
import static dev.agentic.benchmarks.BenchFixtures.TASK;
import static dev.agentic.benchmarks.BenchFixtures.answer;

import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.validate.Validators;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-task overhead of the default pipeline ({@link Orchestrator#builder()}) with a {@link ScriptedChatModel}
 * behind {@link ModelGenerator}, the real Python validator, {@link ArtifactStore#inMemory()} and a sandbox
 * that answers at once, against the same generate / validate / execute calls made by hand in the same run.
 * The difference is what orchestration adds: events, redaction, the record JSON and the store writes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WorkflowOverheadBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkflowOverheadBenchmark {
    private static final String GOOD_ANSWER = answer(GOOD_PROGRAM);
    private static final String REJECTED_ANSWER = answer(REJECTED_PROGRAM);

    private Sandbox sandbox;
    private CodeValidator validator;
    private ModelGenerator goodGenerator;
    private ModelGenerator repairGenerator;
    private Executor executor;
    private Code goodCode;
    private Orchestrator pipeline;
    private Orchestrator repairPipeline;
    private Orchestrator distinctKeysPipeline;

    @Setup(Level.Trial)
    public void setUp() {
        sandbox = new BenchFixtures.InstantSandbox();
        validator = Validators.python(ValidationPolicy.standard());
        executor = Executor.builder().sandbox(sandbox).build();
    }

    /**
     * Fresh scripted models and in-memory stores per iteration, so memory does not grow for the whole run
     * (the scripted model keeps every request; every workflow stores its code and record).
     */
    @Setup(Level.Iteration)
    public void freshModelsAndStores() {
        goodGenerator = ModelGenerator.builder()
                .model(ScriptedChatModel.builder()
                        .respondWithText(req -> GOOD_ANSWER)
                        .build())
                .build();
        repairGenerator = ModelGenerator.builder()
                .model(ScriptedChatModel.builder()
                        .respondWithText(
                                req -> BenchFixtures.isRepairAfterRejection(req) ? GOOD_ANSWER : REJECTED_ANSWER)
                        .build())
                .build();
        goodCode = ((GenerationResult.Generated) goodGenerator.generate(GenerationRequest.first(TASK))).code();
        pipeline = orchestrator(goodGenerator, KeyLayout.standard());
        repairPipeline = orchestrator(repairGenerator, KeyLayout.standard());
        distinctKeysPipeline = orchestrator(goodGenerator, BenchFixtures.distinctKeys());
        check(pipeline.run(TASK), 1);
        check(repairPipeline.run(TASK), 2);
        check(distinctKeysPipeline.run(TASK), 1);
        check(byHandOneAttempt(), true);
        check(byHandOneRepair(), true);
    }

    private Orchestrator orchestrator(ModelGenerator generator, KeyLayout layout) {
        return Orchestrator.builder()
                .generator(generator)
                .executor(executor)
                .store(ArtifactStore.inMemory())
                .keyLayout(layout)
                .build();
    }

    private static void check(WorkflowResult r, int attempts) {
        if (!r.succeeded() || r.attempts().size() != attempts) {
            throw new IllegalStateException("expected success after " + attempts + " attempt(s), got " + r);
        }
    }

    private static void check(ExecutionResult r, boolean succeeded) {
        if (r == null || r.succeeded() != succeeded) {
            throw new IllegalStateException("by-hand baseline did not end as expected: " + r);
        }
    }

    /** The pipeline, first answer accepted and run: one model call, one validation, one run, two store writes. */
    @Benchmark
    public WorkflowResult pipelineOneAttempt() {
        return pipeline.run(TASK);
    }

    /** Baseline: the same model call, validation and run made by hand, nothing recorded or stored. */
    @Benchmark
    public ExecutionResult byHandOneAttempt() {
        GenerationResult g = goodGenerator.generate(GenerationRequest.first(TASK));
        Code code = ((GenerationResult.Generated) g).code();
        ValidationResult v = validator.validate(code, TASK.network());
        if (!v.valid()) {
            return null;
        }
        return sandbox.execute(request(code));
    }

    /**
     * The pipeline with one repair: the first program is rejected by the validator, the second (written from
     * the findings) runs.
     */
    @Benchmark
    public WorkflowResult pipelineOneRepair() {
        return repairPipeline.run(TASK);
    }

    /** Baseline of {@link #pipelineOneRepair()}: two model calls, two validations and one run, by hand. */
    @Benchmark
    public ExecutionResult byHandOneRepair() {
        GenerationResult first = repairGenerator.generate(GenerationRequest.first(TASK));
        Code firstCode = ((GenerationResult.Generated) first).code();
        ValidationResult firstCheck = validator.validate(firstCode, TASK.network());
        if (firstCheck.valid()) {
            return null;
        }
        GenerationResult second = repairGenerator.generate(GenerationRequest.builder()
                .task(TASK)
                .feedback(new Feedback.Rejected(firstCode, firstCheck.errors()))
                .attempt(2)
                .build());
        Code code = ((GenerationResult.Generated) second).code();
        ValidationResult v = validator.validate(code, TASK.network());
        if (!v.valid()) {
            return null;
        }
        return sandbox.execute(request(code));
    }

    /**
     * Diagnostic: {@link #pipelineOneAttempt()} with a key layout that never repeats a key, so the store
     * writes do not probe {@code _2}, {@code _3}, … variants of the standard layout's one-second keys.
     */
    @Benchmark
    public WorkflowResult pipelineOneAttemptDistinctKeys() {
        return distinctKeysPipeline.run(TASK);
    }

    /** Diagnostic: the model call and code extraction of {@link #byHandOneAttempt()} alone. */
    @Benchmark
    public GenerationResult generateOnly() {
        return goodGenerator.generate(GenerationRequest.first(TASK));
    }

    /** Diagnostic: the Python validator of {@link #byHandOneAttempt()} alone, on the same program. */
    @Benchmark
    public ValidationResult validateOnly() {
        return validator.validate(goodCode, TASK.network());
    }

    private static ExecutionRequest request(Code code) {
        return ExecutionRequest.builder()
                .code(code)
                .limits(TASK.limits())
                .network(TASK.network())
                .environment(TASK.environment())
                .build();
    }
}
