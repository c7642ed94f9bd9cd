package dev.agentic.core.internal;

import dev.agentic.core.AgenticException;
import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.ValidationResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution of the workflow for one task: the generate → validate → run loop with repairs, then the
 * records. Used once, on one thread.
 */
final class WorkflowRun {
    private final DefaultOrchestrator.Settings settings;
    private final Task task;
    private final List<Turn> history;
    private final EventDispatcher events;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Instant started;
    private Redactor redactor = Redactor.none();
    private TokenUsage usage = TokenUsage.ZERO;
    private int modelCalls;
    private BigDecimal cost = BigDecimal.ZERO;

    WorkflowRun(DefaultOrchestrator.Settings settings, Task task, List<Turn> history) {
        this.settings = settings;
        this.task = task;
        this.history = List.copyOf(history);
        this.events = settings.events();
        this.started = settings.clock().instant();
    }

    WorkflowResult run() {
        emit(new WorkflowEvent.Started(now(), task));
        try {
            Map<String, String> secretValues = resolveSecrets();
            WorkflowStatus status = loop(secretValues);
            return finish(status, null);
        } catch (AgenticException e) {
            try {
                WorkflowResult partial = finish(WorkflowStatus.ERROR, redactor.redact(e.getMessage()));
                e.addSuppressed(new RecordedNote(partial.records()));
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
    }

    private Map<String, String> resolveSecrets() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : task.secrets().entrySet()) {
            values.put(e.getKey(), settings.secrets().resolve(e.getValue()));
        }
        redactor = Redactor.of(values.values());
        return values;
    }

    private WorkflowStatus loop(Map<String, String> secretValues) {
        Feedback feedback = null;
        for (int n = 1; n <= settings.maxAttempts(); n++) {
            final int attempt = n;
            emit(new WorkflowEvent.GenerationStarted(now(), attempt));
            Instant genStart = now();
            StreamListener deltas = text -> emit(new WorkflowEvent.CodeDelta(now(), attempt, redactor.redact(text)));
            GenerationResult generation = settings.generator()
                    .generate(new GenerationRequest(task, history, feedback, attempt, deltas));
            Duration genTime = Duration.between(genStart, now());
            account(generation);

            if (generation instanceof GenerationResult.NoCode none) {
                emit(new WorkflowEvent.NoCodeGenerated(now(), attempt, none.reason()));
                attempts.add(new Attempt(attempt, generation, null, null, genTime, Duration.ZERO));
                feedback = new Feedback.NoCode(none.modelText(), none.reason());
                repairIfMore(attempt, "the answer held no program: " + none.reason());
                continue;
            }
            Code code = ((GenerationResult.Generated) generation).code();
            emit(new WorkflowEvent.CodeGenerated(now(), attempt, code, generation.modelId()));

            Instant execStart = now();
            ExecutionOutcome outcome = settings.executor().execute(request(code, secretValues), new Executor.Observer() {
                @Override
                public void validated(ValidationResult result) {
                    emit(new WorkflowEvent.Validated(now(), attempt, result));
                }

                @Override
                public void executionStarted() {
                    emit(new WorkflowEvent.ExecutionStarted(now(), attempt));
                }
            });
            Duration execTime = Duration.between(execStart, now());

            if (outcome instanceof ExecutionOutcome.Rejected rejected) {
                attempts.add(new Attempt(attempt, generation, rejected.validation(), null, genTime, execTime));
                feedback = new Feedback.Rejected(code, rejected.validation().errors());
                repairIfMore(attempt, rejected.validation().errors().size() + " validation error(s), first: "
                        + rejected.validation().errors().get(0));
                continue;
            }
            ExecutionOutcome.Ran ran = (ExecutionOutcome.Ran) outcome;
            ExecutionResult result = redact(ran.result());
            emit(new WorkflowEvent.Executed(now(), attempt, result));
            attempts.add(new Attempt(attempt, generation, ran.validation(), result, genTime, execTime));
            if (result.succeeded()) {
                return WorkflowStatus.SUCCEEDED;
            }
            feedback = new Feedback.RunFailed(code, result);
            repairIfMore(attempt, "the run ended " + result.status());
        }
        return WorkflowStatus.FAILED;
    }

    private void repairIfMore(int attempt, String reason) {
        if (attempt < settings.maxAttempts()) {
            emit(new WorkflowEvent.Repairing(now(), attempt, redactor.redact(reason)));
        }
    }

    private ExecutionRequest request(Code code, Map<String, String> secretValues) {
        ExecutionRequest.Builder b = ExecutionRequest.builder().code(code).limits(task.limits())
                .network(task.network()).environment(task.environment()).secrets(secretValues);
        task.inputFiles().forEach(b::inputFile);
        task.outputGlobs().forEach(b::outputGlob);
        return b.build();
    }

    private ExecutionResult redact(ExecutionResult r) {
        if (redactor.isEmpty()) {
            return r;
        }
        return r.withOutput(r.output().withText(redactor.redact(r.stdout()), redactor.redact(r.stderr())));
    }

    private void account(GenerationResult generation) {
        modelCalls++;
        usage = usage.plus(generation.usage());
        Optional<BigDecimal> c = settings.prices().estimate(generation.modelId(), generation.usage());
        cost = cost == null || c.isEmpty() ? null : cost.add(c.get());
    }

    private WorkflowResult finish(WorkflowStatus status, String error) {
        Instant end = now();
        WorkflowResult result = new WorkflowResult(task, status, attempts, usage, modelCalls, cost, List.of(),
                Duration.between(started, end), error);
        List<String> keys = new ArrayList<>();
        String codeKey = null;
        Optional<Code> finalCode = result.finalCode();
        if (finalCode.isPresent()) {
            codeKey = settings.store().putNew(settings.layout().codeKey(task, end),
                    finalCode.get().source().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            keys.add(codeKey);
        }
        keys.add(settings.store().putNew(settings.layout().recordKey(task, status == WorkflowStatus.SUCCEEDED, end),
                RecordJson.write(result, end, codeKey, redactor)));
        result = result.withRecords(keys);
        emit(status == WorkflowStatus.SUCCEEDED ? new WorkflowEvent.Completed(now(), result)
                : new WorkflowEvent.Failed(now(), result));
        return result;
    }

    private void emit(WorkflowEvent event) {
        events.emit(event);
    }

    private Instant now() {
        return settings.clock().instant();
    }

    /** Attached as suppressed to an exception that ended a workflow: where its record was stored. */
    static final class RecordedNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordedNote(List<String> keys) {
            super("the workflow's record was stored at " + keys, null, false, false);
        }
    }
}
