package dev.agentic.langchain4j.internal;

import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.Severity;
import dev.agentic.langchain4j.CodeRunReport;
import dev.agentic.langchain4j.CodeRunReport.Status;
import java.util.ArrayList;
import java.util.List;

/** Turns an executor's outcome into the {@link CodeRunReport} a model reads, with secrets masked. */
public final class Reports {
    private Reports() {}

    public static CodeRunReport of(ExecutionOutcome outcome, Redactor redactor, int stderrTailChars) {
        List<Finding> findings = new ArrayList<>();
        for (Finding f : outcome.validation().findings()) {
            findings.add(new Finding(f.rule(), f.severity(), redactor.redact(f.message()), f.line(), f.column()));
        }
        CodeRunReport.Builder b = CodeRunReport.builder().findings(findings);
        if (outcome instanceof ExecutionOutcome.Rejected) {
            return b.status(Status.REJECTED).build();
        }
        ExecutionResult result = ((ExecutionOutcome.Ran) outcome).result();
        // Masked whole before the tail is cut, so a value at the cut is still found.
        ExecutionOutput output = result.output().redact(redactor);
        b.stdout(output.stdout())
                .stdoutTruncated(output.stdoutTruncated())
                .stderrTail(output.stderrTail(stderrTailChars))
                .notes(output.notes())
                .duration(output.duration());
        if (result instanceof ExecutionResult.Succeeded) {
            b.status(Status.SUCCEEDED).exitCode(0);
        } else if (result instanceof ExecutionResult.Failed failed) {
            b.status(Status.FAILED).exitCode(failed.exitCode());
        } else if (result instanceof ExecutionResult.TimedOut) {
            b.status(Status.TIMED_OUT);
        } else {
            b.status(Status.KILLED);
        }
        return b.build();
    }

    /** The report for tool arguments without a {@code code} string. */
    public static CodeRunReport badArguments(String tool) {
        return CodeRunReport.builder()
                .status(Status.REJECTED)
                .findings(List.of(new Finding(
                        RuleId.of("tool-arguments"),
                        Severity.ERROR,
                        tool + " takes a JSON object with the program as a string: {\"code\": \"...\"}",
                        0,
                        0)))
                .build();
    }
}
