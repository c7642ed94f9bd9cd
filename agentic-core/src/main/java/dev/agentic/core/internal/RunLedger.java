package dev.agentic.core.internal;

import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.store.KeyContext;
import dev.agentic.core.store.KeyLayout;
import dev.agentic.core.validate.ValidationResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bookkeeping every orchestrator shares for one task: resolved secrets and their redactor, attempts,
 * tokens, model calls and cost, and the final step that stores the code and record and emits the last
 * event. Used by one run on one thread.
 */
final class RunLedger {
    private final Task task;
    private final Clock clock;
    private final PriceTable prices;
    private final EventDispatcher events;
    private final Instant started;
    private final List<Attempt> attempts = new ArrayList<>();
    private Map<String, String> secretValues = Map.of();
    private Redactor redactor = Redactor.none();
    private TokenUsage usage = TokenUsage.ZERO;
    private int modelCalls;
    private BigDecimal cost = BigDecimal.ZERO;

    RunLedger(Task task, Clock clock, PriceTable prices, EventDispatcher events) {
        this.task = task;
        this.clock = clock;
        this.prices = prices;
        this.events = events;
        this.started = clock.instant();
    }

    Instant now() {
        return clock.instant();
    }

    void emit(WorkflowEvent event) {
        events.emit(event);
    }

    Redactor redactor() {
        return redactor;
    }

    /** Resolves the task's secrets; from now on every text passes their redactor. */
    void resolveSecrets(SecretProvider provider) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : task.secrets().entrySet()) {
            values.put(e.getKey(), provider.resolve(e.getValue()));
        }
        secretValues = Map.copyOf(values);
        redactor = Redactor.of(values.values());
    }

    /** The sandbox request for {@code code} under the task's settings, with the resolved secrets. */
    ExecutionRequest request(Code code) {
        ExecutionRequest.Builder b = ExecutionRequest.builder().code(code).limits(task.limits())
                .network(task.network()).environment(task.environment()).secrets(secretValues);
        task.inputFiles().forEach(b::inputFile);
        task.outputGlobs().forEach(b::outputGlob);
        return b.build();
    }

    /** {@code r} with secret values masked everywhere a program can write text. */
    ExecutionResult redact(ExecutionResult r) {
        return redactor.isEmpty() ? r : r.withOutput(r.output().redact(redactor));
    }

    /** Turns an executor's steps into events of {@code attempt}. */
    Executor.Observer observer(int attempt) {
        return new Executor.Observer() {
            @Override
            public void validated(ValidationResult result) {
                emit(new WorkflowEvent.Validated(now(), attempt, result));
            }

            @Override
            public void executionStarted() {
                emit(new WorkflowEvent.ExecutionStarted(now(), attempt));
            }
        };
    }

    /** Counts one model call. */
    void modelCall(String modelId, TokenUsage callUsage) {
        modelCalls++;
        usage = usage.plus(callUsage);
        Optional<BigDecimal> c = prices.estimate(modelId, callUsage);
        cost = cost == null || c.isEmpty() ? null : cost.add(c.get());
    }

    void attempt(Attempt attempt) {
        attempts.add(attempt);
    }

    int attemptCount() {
        return attempts.size();
    }

    /**
     * Stores the final code (if any) and the record, emits {@code Completed} or {@code Failed}, and returns
     * the result listing the stored keys.
     */
    WorkflowResult finish(WorkflowStatus status, String error, ArtifactStore store, KeyLayout layout) {
        return finish(status, error, null, store, layout);
    }

    /** Like {@link #finish(WorkflowStatus, String, ArtifactStore, KeyLayout)} with the model's final answer. */
    WorkflowResult finish(WorkflowStatus status, String error, String answer, ArtifactStore store, KeyLayout layout) {
        Instant end = now();
        WorkflowResult result = new WorkflowResult(task, status, attempts, usage, modelCalls, cost, List.of(),
                Duration.between(started, end), error == null ? null : redactor.redact(error),
                answer == null ? null : redactor.redact(answer));
        List<String> keys = new ArrayList<>();
        String codeKey = null;
        Optional<Code> finalCode = result.finalCode();
        KeyContext keyContext = KeyContext.builder().integration(task.integration()).description(task.description())
                .extension(task.language().extension()).time(end).succeeded(status == WorkflowStatus.SUCCEEDED).build();
        ArtifactMetadata meta = ArtifactMetadata.builder().userMetadata("integration", task.integration())
                .userMetadata("status", status.name().toLowerCase(Locale.ROOT))
                .userMetadata("language", task.language().id()).build();
        if (finalCode.isPresent()) {
            codeKey = store.putNew(layout.codeKey(keyContext), finalCode.get().source().getBytes(StandardCharsets.UTF_8),
                    meta.toBuilder().contentType(ContentTypes.forExtension(keyContext.extension())
                            .orElse(ContentTypes.OCTET_STREAM)).build());
            keys.add(codeKey);
        }
        keys.add(store.putNew(layout.recordKey(keyContext), RecordJson.write(result, end, codeKey, redactor),
                meta.toBuilder().contentType(ContentTypes.JSON).build()));
        result = result.withRecords(keys);
        emit(status == WorkflowStatus.SUCCEEDED ? new WorkflowEvent.Completed(now(), result)
                : new WorkflowEvent.Failed(now(), result));
        return result;
    }

    /**
     * Runs {@code body} (which ends with {@link #finish}); when it throws, stores what happened so far as an
     * {@link WorkflowStatus#ERROR} record, notes the record's keys on the exception, and rethrows it.
     */
    WorkflowResult recordingFailures(ArtifactStore store, KeyLayout layout, java.util.function.Supplier<WorkflowResult> body) {
        try {
            return body.get();
        } catch (dev.agentic.core.AgenticException e) {
            try {
                WorkflowResult partial = finish(WorkflowStatus.ERROR, e.getMessage(), store, layout);
                e.addSuppressed(new RecordedNote(partial.records()));
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
    }

    /** Attached as suppressed to an exception that ended a workflow: where its record was stored. */
    static final class RecordedNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordedNote(List<String> keys) {
            super("the workflow's record was stored at " + keys, null, false, false);
        }
    }
}
