package dev.agentic.core.internal;

import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.sandbox.ExecutionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One execution of the pipeline for one task: the generate → validate → run loop with repairs, then the
 * records. Used once, on one thread.
 */
final class WorkflowRun {
    private final WorkflowSettings settings;
    private final int maxAttempts;
    private final Task task;
    private final List<Turn> history;
    private final RunLedger ledger;

    WorkflowRun(WorkflowSettings settings, int maxAttempts, WorkflowRequest request) {
        this.settings = settings;
        this.maxAttempts = maxAttempts;
        this.task = request.task();
        this.history = request.history();
        this.ledger = new RunLedger(settings, request);
    }

    WorkflowResult run() {
        ledger.emit(new WorkflowEvent.Started(ledger.runId(), ledger.now(), task));
        return ledger.recordingFailures(() -> {
            ledger.guard().checkpoint();
            ledger.resolveSecrets(settings.secrets());
            WorkflowStatus status = loop();
            return ledger.finish(status, null, null);
        });
    }

    private WorkflowStatus loop() {
        Feedback feedback = null;
        for (int n = 1; n <= maxAttempts; n++) {
            final int attempt = n;
            ledger.guard().checkpoint();
            RunLedger.Generation generated = ledger.generate(settings.generator(), task, history, feedback, attempt);
            GenerationResult generation = generated.result();
            Duration genTime = generated.time();
            Attempt.Builder record =
                    Attempt.builder().number(attempt).generation(generation).generationTime(genTime);

            if (generation instanceof GenerationResult.NoCode none) {
                ledger.emit(new WorkflowEvent.NoCodeGenerated(ledger.runId(), ledger.now(), attempt, none.reason()));
                ledger.attempt(record.build());
                feedback = new Feedback.NoCode(none.modelText(), none.reason());
                repairIfMore(attempt, "the answer held no program: " + none.reason());
                continue;
            }
            Code code = ((GenerationResult.Generated) generation).code();
            ledger.emit(
                    new WorkflowEvent.CodeGenerated(ledger.runId(), ledger.now(), attempt, code, generation.modelId()));

            Instant execStart = ledger.now();
            ExecutionOutcome outcome;
            try {
                outcome = ledger.guard()
                        .interruptibleStep(() -> PluginCalls.sandbox(
                                settings.executor().toString(),
                                () -> settings.executor().execute(ledger.request(code), ledger.observer(attempt))));
            } catch (RunGuard.RunCancelled cancelled) {
                ledger.attempt(record.executionTime(Duration.between(execStart, ledger.now()))
                        .cancelled()
                        .build());
                throw cancelled;
            }
            record.executionTime(Duration.between(execStart, ledger.now())).validation(outcome.validation());

            if (outcome instanceof ExecutionOutcome.Rejected rejected) {
                ledger.attempt(record.build());
                feedback = new Feedback.Rejected(code, rejected.validation().errors());
                repairIfMore(
                        attempt,
                        rejected.validation().errors().size() + " validation error(s), first: "
                                + rejected.validation().errors().get(0));
                continue;
            }
            ExecutionOutcome.Ran ran = (ExecutionOutcome.Ran) outcome;
            ExecutionResult result = ledger.redact(ran.result());
            ledger.emit(new WorkflowEvent.Executed(ledger.runId(), ledger.now(), attempt, result));
            ledger.attempt(record.execution(result).build());
            if (result.succeeded()) {
                return WorkflowStatus.SUCCEEDED;
            }
            feedback = new Feedback.RunFailed(code, result);
            repairIfMore(attempt, "the run ended " + result.describe());
        }
        return WorkflowStatus.FAILED;
    }

    private void repairIfMore(int attempt, String reason) {
        if (attempt < maxAttempts) {
            ledger.emit(new WorkflowEvent.Repairing(
                    ledger.runId(), ledger.now(), attempt, ledger.redactor().redact(reason)));
        }
    }
}
