package dev.agentic.core;

import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.internal.DefaultOrchestrator;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
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
public interface Orchestrator {

    /**
     * Runs the workflow to its end. Expected failures (invalid code, failed runs) end in a result with
     * status {@link WorkflowStatus#FAILED}; the record is stored either way.
     *
     * @throws AgenticException when the model, sandbox, store or secrets fail; the record of what happened
     *     until then is stored first (status {@link WorkflowStatus#ERROR})
     */
    WorkflowResult run(Task task);

    /** Same as {@link #run(Task)} with the task built in place. */
    default WorkflowResult run(Consumer<Task.Builder> task) {
        Task.Builder b = Task.builder();
        task.accept(b);
        return run(b.build());
    }

    /** Runs the workflow on a new daemon thread. */
    default CompletableFuture<WorkflowResult> runAsync(Task task) {
        return runAsync(task, runnable -> {
            Thread t = new Thread(runnable, "agentic-workflow");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Runs the workflow on {@code executor}; the future fails with the exception {@link #run} would throw. */
    default CompletableFuture<WorkflowResult> runAsync(Task task, java.util.concurrent.Executor executor) {
        return CompletableFuture.supplyAsync(() -> run(task), executor);
    }

    /** Starts a conversation: follow-up tasks see the earlier tasks and their code. */
    Conversation conversation();

    static Builder builder() {
        return new DefaultOrchestrator.Builder();
    }

    /** Builds the default orchestrator. Not thread-safe; the orchestrator built is. */
    interface Builder {
        /** Writes the code (required). */
        Builder generator(Generator generator);

        /** Validates and runs the code (required). */
        Builder executor(Executor executor);

        /** Where code and records go (default: a {@code FileSystemArtifactStore} in {@code ./agentic-runs}). */
        Builder store(ArtifactStore store);

        /** Key layout in the store (default {@link KeyLayout#standard()}). */
        Builder keyLayout(KeyLayout layout);

        /** Resolves the task's secret references (default: environment variables). */
        Builder secrets(SecretProvider secrets);

        /** Attempts before giving up, first included (default 3). */
        Builder maxAttempts(int maxAttempts);

        /** Adds a listener for progress events. */
        Builder listener(WorkflowListener listener);

        /** Prices for the estimated cost (default {@link PriceTable#defaults()}). */
        Builder priceTable(PriceTable prices);

        /** Clock for timestamps and durations (default the system UTC clock). */
        Builder clock(Clock clock);

        /** @throws ConfigurationException naming what is missing */
        Orchestrator build();
    }
}
