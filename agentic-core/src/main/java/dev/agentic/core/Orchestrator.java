package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.internal.DefaultOrchestrator;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Runs the workflow for a task: generate a program, validate and run it, repair from feedback up to a
 * number of attempts, store the final code and an execution record.
 *
 * <p>Implementations are thread-safe: one orchestrator may run many tasks at once. It does not own the
 * generator, executor, sandbox or store it was built with; whoever created those closes them.
 *
 * <pre>{@code
 * Orchestrator orchestrator = Orchestrator.builder()
 *     .generator(ModelGenerator.builder().model(model).build())
 *     .executor(Executor.builder().sandbox(sandbox).build())
 *     .store(ArtifactStore.fileSystem(Path.of("agentic-runs")))
 *     .build();
 * WorkflowResult result = orchestrator.run(Task.of("Print the first ten primes"));
 * }</pre>
 */
@Stable
public interface Orchestrator {

    /**
     * Runs the workflow for {@code request} to its end, with the request's history, listeners, run id and
     * cancellation token. Expected failures (invalid code, failed runs) end in a result with status
     * {@link WorkflowStatus#FAILED}, a cancelled run in one with status {@link WorkflowStatus#CANCELLED}; the
     * record is stored either way.
     *
     * @throws AgenticException when the model, sandbox, store or secrets fail; the record of what happened
     *     until then is stored first (status {@link WorkflowStatus#ERROR})
     */
    WorkflowResult run(WorkflowRequest request);

    /** Runs {@code task} alone, with a new run id; see {@link #run(WorkflowRequest)}. */
    default WorkflowResult run(Task task) {
        return run(WorkflowRequest.of(task));
    }

    /** Same as {@link #run(Task)} with the task built in place. */
    default WorkflowResult run(Consumer<Task.Builder> task) {
        Task.Builder b = Task.builder();
        task.accept(b);
        return run(b.build());
    }

    /** Runs {@code task} on a new daemon thread; the handle cancels it. */
    default WorkflowHandle runAsync(Task task) {
        return runAsync(WorkflowRequest.of(task));
    }

    /** Runs {@code request} on a new daemon thread named after its run id; the handle cancels it. */
    default WorkflowHandle runAsync(WorkflowRequest request) {
        Objects.requireNonNull(request, "request");
        return startAsync(request, runnable -> {
            Thread t = new Thread(runnable, "agentic-workflow-" + request.runId());
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Runs {@code request} on {@code threads}. The handle's {@link WorkflowHandle#cancel()} cancels the run
     * through the request's {@link CancellationToken} (one is added when the request has none); the handle's
     * future fails with the exception {@link #run(WorkflowRequest)} would throw.
     */
    default WorkflowHandle runAsync(WorkflowRequest request, ExecutorService threads) {
        Objects.requireNonNull(threads, "threads");
        return startAsync(request, threads::execute);
    }

    private WorkflowHandle startAsync(WorkflowRequest request, Consumer<Runnable> start) {
        CancellationToken token = request.cancellation().orElseGet(CancellationToken::create);
        WorkflowRequest withToken = request.cancellation().isPresent()
                ? request
                : request.toBuilder().cancellation(token).build();
        CompletableFuture<WorkflowResult> result = new CompletableFuture<>();
        start.accept(() -> {
            try {
                result.complete(run(withToken));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return new WorkflowHandle(request.runId(), token, result);
    }

    /**
     * Starts a conversation: follow-up tasks see the earlier tasks and their code. The default runs each task
     * through {@link #run(WorkflowRequest)} with the earlier turns as its history.
     */
    default Conversation conversation() {
        return Conversation.over(this);
    }

    static Builder builder() {
        return new DefaultOrchestrator.Builder();
    }

    /** Builds the default orchestrator. Not thread-safe; the orchestrator built is. */
    interface Builder {
        /** Writes the code (required). */
        Builder generator(Generator generator);

        /** Validates and runs the code (required). */
        Builder executor(Executor executor);

        /**
         * Where code and records go (default: a {@code FileSystemArtifactStore} in {@code ./agentic-runs}, created
         * when the first record is written).
         */
        Builder store(ArtifactStore store);

        /** Key layout in the store (default {@link KeyLayout#standard()}). */
        Builder keyLayout(KeyLayout layout);

        /** Resolves the task's secret references (default: environment variables). */
        Builder secrets(SecretProvider secrets);

        /** Attempts before giving up, first included (default 3). */
        Builder maxAttempts(int maxAttempts);

        /** Adds a listener for the events of every run (a {@link WorkflowRequest} adds listeners of one run). */
        Builder listener(WorkflowListener listener);

        /** Prices for the estimated cost (default {@link PriceTable#defaults()}). */
        Builder priceTable(PriceTable prices);

        /** Clock for timestamps and durations (default the system UTC clock). */
        Builder clock(Clock clock);

        /** @throws ConfigurationException naming what is missing */
        Orchestrator build();
    }
}
