package dev.agentic.core.internal;

import dev.agentic.core.AgenticException;
import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Generator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.RunId;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import dev.agentic.core.validate.ValidationResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bookkeeping every orchestrator shares for one run: its id, events and cancellation, resolved secrets and
 * their redactor, attempts, tokens, model calls and cost, and the final step that stores the code and record
 * and emits the last event. Used by one run on one thread (events may also come from its model-call thread).
 */
final class RunLedger {
    private final RunId runId;
    private final Task task;
    private final Clock clock;
    private final PriceTable prices;
    private final EventDispatcher events;
    private final RunGuard guard;
    private final Supplier<ArtifactStore> store;
    private final KeyLayout layout;
    private final Instant started;
    private final List<Attempt> attempts = new ArrayList<>();
    private Map<String, String> secretValues = Map.of();
    private volatile Redactor redactor = Redactor.none();
    private TokenUsage usage = TokenUsage.ZERO;
    private int modelCalls;
    private BigDecimal cost = BigDecimal.ZERO;

    RunLedger(WorkflowSettings settings, WorkflowRequest request) {
        this.runId = request.runId();
        this.task = request.task();
        this.clock = settings.clock();
        this.prices = settings.prices();
        this.events = new EventDispatcher(settings.listeners(), request.listeners());
        this.guard = new RunGuard(request.cancellation());
        this.store = settings.store();
        this.layout = settings.layout();
        this.started = clock.instant();
    }

    RunId runId() {
        return runId;
    }

    Instant now() {
        return clock.instant();
    }

    RunGuard guard() {
        return guard;
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
            SecretRef ref = e.getValue();
            values.put(
                    e.getKey(), PluginCalls.secrets("SecretProvider[" + provider + "]", () -> provider.resolve(ref)));
        }
        secretValues = Map.copyOf(values);
        redactor = Redactor.of(values.values());
    }

    /** The sandbox request for {@code code} under the task's settings, with the resolved secrets. */
    ExecutionRequest request(Code code) {
        ExecutionRequest.Builder b = ExecutionRequest.builder()
                .code(code)
                .limits(task.limits())
                .network(task.network())
                .environment(task.environment())
                .secrets(secretValues);
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
                emit(new WorkflowEvent.Validated(runId, now(), attempt, result));
            }

            @Override
            public void executionStarted() {
                emit(new WorkflowEvent.ExecutionStarted(runId, now(), attempt));
            }
        };
    }

    /**
     * A listener for one generation of {@code attempt}: streamed text becomes {@code CodeDelta} events (redacted),
     * reported model calls {@code ModelCalled} events.
     */
    GenerationEvents generationEvents(int attempt) {
        return new GenerationEvents(attempt, true);
    }

    /** A listener for one call of a leading model (attempt 0): its calls become events, its text does not. */
    GenerationEvents leadingModelEvents() {
        return new GenerationEvents(0, false);
    }

    /** A generation's result and how long it took. */
    record Generation(GenerationResult result, Duration time) {}

    /**
     * One generation as every orchestrator makes it: the {@code GenerationStarted} event, streamed text and model
     * calls as events, the call abandoned on cancellation, and the call counted with its tokens and cost.
     *
     * @param feedback why the previous attempt failed, or null for a first attempt
     */
    Generation generate(Generator generator, Task generationTask, List<Turn> history, Feedback feedback, int attempt) {
        emit(new WorkflowEvent.GenerationStarted(runId, now(), attempt));
        Instant start = now();
        GenerationEvents events = generationEvents(attempt);
        GenerationRequest.Builder request = GenerationRequest.builder()
                .task(generationTask)
                .history(history)
                .attempt(attempt)
                .listener(events)
                .runId(runId);
        if (feedback != null) {
            request.feedback(feedback);
        }
        GenerationRequest generationRequest = request.build();
        GenerationResult result = guard.modelCall(
                () -> PluginCalls.model(generator.toString(), () -> generator.generate(generationRequest)),
                "agentic-model-call-" + runId);
        Duration time = Duration.between(start, now());
        events.finished(result, time);
        modelCall(result.modelId(), result.usage());
        return new Generation(result, time);
    }

    /** Counts one model call and its cost. */
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
     * Stores the final code (if any), the last run's output files and the record ({@link RecordWriter}), emits the run's last event ({@code Completed},
     * {@code Failed} or {@code Cancelled}), and returns the result listing the stored keys.
     *
     * @param error why the run did not end normally, or null
     * @param answer the leading model's final answer, or null
     */
    WorkflowResult finish(WorkflowStatus status, WorkflowError error, String answer) {
        Instant end = now();
        WorkflowResult.Builder b = WorkflowResult.builder()
                .runId(runId)
                .task(task)
                .status(status)
                .attempts(attempts)
                .usage(usage)
                .modelCalls(modelCalls)
                .duration(Duration.between(started, end));
        if (cost != null) {
            b.estimatedCostUsd(cost);
        }
        if (error != null) {
            b.error(error);
        }
        if (answer != null) {
            b.answer(redactor.redact(answer));
        }
        WorkflowResult result = new RecordWriter(PluginCalls.store("the artifact store", store::get), layout, redactor)
                .write(b.build(), end, lastModelId());
        WorkflowEvent last = switch (status) {
            case SUCCEEDED -> new WorkflowEvent.Completed(runId, now(), result);
            case CANCELLED -> new WorkflowEvent.Cancelled(runId, now(), result);
            default -> new WorkflowEvent.Failed(runId, now(), result);
        };
        events.emitLast(last);
        return result;
    }

    /** The model that wrote the last attempt, or {@code none} when no model answered. */
    private String lastModelId() {
        List<Attempt> all = attempts;
        String id = all.isEmpty()
                ? ""
                : all.get(all.size() - 1).generation().modelId().strip();
        String ascii = id.replaceAll("[^\\x21-\\x7e]", "_");
        return ascii.isEmpty() ? "none" : ascii.substring(0, Math.min(ascii.length(), 200));
    }

    /**
     * Runs {@code body} (which ends with {@link #finish}). When the run is cancelled, finishes it as
     * {@link WorkflowStatus#CANCELLED} and returns that result. When {@code body} throws, stores what happened
     * so far as an {@link WorkflowStatus#ERROR} record, notes the record's keys on the exception, and rethrows.
     */
    WorkflowResult recordingFailures(Supplier<WorkflowResult> body) {
        try {
            return body.get();
        } catch (RunGuard.RunCancelled cancelled) {
            Thread.interrupted();
            return finish(
                    WorkflowStatus.CANCELLED,
                    WorkflowError.of(WorkflowError.Kind.CANCELLED, "the run was cancelled by the caller", false),
                    null);
        } catch (RuntimeException raw) {
            AgenticException e = raw instanceof AgenticException typed
                    ? typed
                    : new AgenticException(
                            "the workflow failed unexpectedly with "
                                    + raw.getClass().getSimpleName()
                                    + (raw.getMessage() == null ? "" : ": " + raw.getMessage()),
                            raw);
            try {
                String message = redactor.redact(String.valueOf(e.getMessage()));
                WorkflowResult partial = finish(WorkflowStatus.ERROR, WorkflowError.of(e, message), null);
                e.addSuppressed(new RecordedNote(partial.records()));
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        } finally {
            guard.close();
        }
    }

    /** Attached as suppressed to an exception that ended a workflow: where its record was stored. */
    static final class RecordedNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordedNote(List<String> keys) {
            super("the workflow's record was stored at " + keys, null, false, false);
        }
    }

    /** Streams one generation's text and model calls into events; remembers whether any call was reported. */
    final class GenerationEvents implements StreamListener {
        private final int attempt;
        private final boolean streamText;
        private volatile boolean reportedCall;

        private GenerationEvents(int attempt, boolean streamText) {
            this.attempt = attempt;
            this.streamText = streamText;
        }

        @Override
        public void onText(String delta) {
            if (streamText) {
                emit(new WorkflowEvent.CodeDelta(runId, now(), attempt, redactor.redact(delta)));
            }
        }

        @Override
        public void onModelCall(ModelCall call) {
            reportedCall = true;
            emit(new WorkflowEvent.ModelCalled(runId, now(), attempt, call));
        }

        /** Reports the generation as one model call when the generator reported none. */
        void finished(GenerationResult generation, Duration latency) {
            finished(generation.modelId(), generation.usage(), latency);
        }

        /** Reports the call as one model call when the model reported none. */
        void finished(String modelId, TokenUsage callUsage, Duration latency) {
            if (!reportedCall) {
                emit(new WorkflowEvent.ModelCalled(
                        runId,
                        now(),
                        attempt,
                        ModelCall.builder()
                                .modelId(modelId)
                                .usage(callUsage)
                                .latency(latency)
                                .build()));
            }
        }
    }
}
