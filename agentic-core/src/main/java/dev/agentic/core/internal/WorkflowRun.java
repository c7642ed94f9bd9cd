package dev.agentic.core.internal;

import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.sandbox.ExecutionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One execution of the pipeline for one task: the generate → validate → run loop with repairs, then the
 * records. Used once, on one thread.
 */
final class WorkflowRun {
    private final DefaultOrchestrator.Settings settings;
    private final Task task;
    private final List<Turn> history;
    private final RunLedger ledger;

    WorkflowRun(DefaultOrchestrator.Settings settings, Task task, List<Turn> history) {
        this.settings = settings;
        this.task = task;
        this.history = List.copyOf(history);
        this.ledger = new RunLedger(task, settings.clock(), settings.prices(), settings.events());
    }

    WorkflowResult run() {
        ledger.emit(new WorkflowEvent.Started(ledger.now(), task));
        return ledger.recordingFailures(settings.store(), settings.layout(), () -> {
            ledger.resolveSecrets(settings.secrets());
            WorkflowStatus status = loop();
            return ledger.finish(status, null, settings.store(), settings.layout());
        });
    }

    private WorkflowStatus loop() {
        Feedback feedback = null;
        for (int n = 1; n <= settings.maxAttempts(); n++) {
            final int attempt = n;
            ledger.emit(new WorkflowEvent.GenerationStarted(ledger.now(), attempt));
            Instant genStart = ledger.now();
            StreamListener deltas = text -> ledger.emit(
                    new WorkflowEvent.CodeDelta(ledger.now(), attempt, ledger.redactor().redact(text)));
            GenerationResult generation = settings.generator()
                    .generate(new GenerationRequest(task, history, feedback, attempt, deltas));
            Duration genTime = Duration.between(genStart, ledger.now());
            ledger.modelCall(generation.modelId(), generation.usage());

            if (generation instanceof GenerationResult.NoCode none) {
                ledger.emit(new WorkflowEvent.NoCodeGenerated(ledger.now(), attempt, none.reason()));
                ledger.attempt(new Attempt(attempt, generation, null, null, genTime, Duration.ZERO));
                feedback = new Feedback.NoCode(none.modelText(), none.reason());
                repairIfMore(attempt, "the answer held no program: " + none.reason());
                continue;
            }
            Code code = ((GenerationResult.Generated) generation).code();
            ledger.emit(new WorkflowEvent.CodeGenerated(ledger.now(), attempt, code, generation.modelId()));

            Instant execStart = ledger.now();
            ExecutionOutcome outcome = settings.executor().execute(ledger.request(code), ledger.observer(attempt));
            Duration execTime = Duration.between(execStart, ledger.now());

            if (outcome instanceof ExecutionOutcome.Rejected rejected) {
                ledger.attempt(new Attempt(attempt, generation, rejected.validation(), null, genTime, execTime));
                feedback = new Feedback.Rejected(code, rejected.validation().errors());
                repairIfMore(attempt, rejected.validation().errors().size() + " validation error(s), first: "
                        + rejected.validation().errors().get(0));
                continue;
            }
            ExecutionOutcome.Ran ran = (ExecutionOutcome.Ran) outcome;
            ExecutionResult result = ledger.redact(ran.result());
            ledger.emit(new WorkflowEvent.Executed(ledger.now(), attempt, result));
            ledger.attempt(new Attempt(attempt, generation, ran.validation(), result, genTime, execTime));
            if (result.succeeded()) {
                return WorkflowStatus.SUCCEEDED;
            }
            feedback = new Feedback.RunFailed(code, result);
            repairIfMore(attempt, "the run ended " + result.describe());
        }
        return WorkflowStatus.FAILED;
    }

    private void repairIfMore(int attempt, String reason) {
        if (attempt < settings.maxAttempts()) {
            ledger.emit(new WorkflowEvent.Repairing(ledger.now(), attempt, ledger.redactor().redact(reason)));
        }
    }
}
