package dev.agentic.core.record;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.internal.RecordJson;
import dev.agentic.core.sandbox.ExecutionResult;
import java.util.Objects;

/**
 * The JSON of one sandbox run exactly as execution records keep it — status, exit code, signal, limit, output
 * and its truncation, duration, files, network decisions, notes — for tools that print runs in the same shape
 * (the CLI's {@code --json}). Stateless and thread-safe.
 */
@Experimental
public final class RunResultJson {
    private RunResultJson() {}

    /** {@code result} as a JSON object, with its texts as they are (redact them first where secrets may show). */
    public static String of(ExecutionResult result) {
        Objects.requireNonNull(result, "result");
        return RecordJson.result(result).toString();
    }
}
