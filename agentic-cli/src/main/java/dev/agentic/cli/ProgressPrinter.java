package dev.agentic.cli;

import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.validate.Finding;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints workflow progress as short lines (the {@code agentic run} and {@code agentic demo} progress). With
 * {@code streamCode}, the code is printed as the model writes it. Texts in events are already redacted.
 * Thread-safe for one workflow at a time.
 */
@Internal
public final class ProgressPrinter implements WorkflowListener {
    private final PrintWriter out;
    private final boolean streamCode;
    private boolean midStream;

    public ProgressPrinter(PrintWriter out, boolean streamCode) {
        this.out = Objects.requireNonNull(out, "out");
        this.streamCode = streamCode;
    }

    @Override
    public synchronized void onEvent(WorkflowEvent event) {
        if (event instanceof WorkflowEvent.CodeDelta d) {
            if (streamCode) {
                out.print(d.text());
                out.flush();
                midStream = true;
            }
            return;
        }
        if (midStream) {
            out.println();
            midStream = false;
        }
        String line = describe(event);
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private static String describe(WorkflowEvent event) {
        if (event instanceof WorkflowEvent.Started s) {
            return "» task: " + s.task().description();
        } else if (event instanceof WorkflowEvent.GenerationStarted g) {
            return "» attempt " + g.attempt() + ": " + (g.attempt() == 1 ? "generating code" : "repairing code");
        } else if (event instanceof WorkflowEvent.CodeGenerated c) {
            return "  code: " + c.code().lineCount() + " lines of "
                    + c.code().language().id() + " from " + c.modelId();
        } else if (event instanceof WorkflowEvent.NoCodeGenerated n) {
            return "  no code in the answer: " + n.reason();
        } else if (event instanceof WorkflowEvent.Validated v) {
            if (v.result().findings().isEmpty()) {
                return "  validation: passed";
            }
            StringBuilder sb = new StringBuilder("  validation: " + (v.result().valid() ? "passed with " : "rejected, ")
                    + v.result().findings().size() + " finding(s)");
            for (Finding f : v.result().findings()) {
                sb.append("\n    ").append(f);
            }
            return sb.toString();
        } else if (event instanceof WorkflowEvent.ExecutionStarted) {
            return "  running in the sandbox";
        } else if (event instanceof WorkflowEvent.Executed e) {
            return "  run (" + e.result().duration().toMillis() + " ms): "
                    + e.result().describe();
        } else if (event instanceof WorkflowEvent.Repairing r) {
            return "  → repairing: " + r.reason();
        } else if (event instanceof WorkflowEvent.Completed c) {
            return "» succeeded after " + c.result().attempts().size() + " attempt(s)" + records(c.result());
        } else if (event instanceof WorkflowEvent.Failed f) {
            return "» " + f.result().status().name().toLowerCase(Locale.ROOT) + " after "
                    + f.result().attempts().size() + " attempt(s)" + records(f.result());
        }
        return null;
    }

    private static String records(WorkflowResult r) {
        return r.records().isEmpty() ? "" : "; records: " + String.join(", ", r.records());
    }
}
