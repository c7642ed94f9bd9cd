package dev.agentic.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.Attempt;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.record.RunResultJson;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.validate.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON every command prints with {@code --json}, in one style (one line, numbers as plain decimals): a
 * run's result in the shape execution records keep it ({@code agentic exec}, and {@code result} of
 * {@code agentic run}), a workflow's result, a validation, and an error. Stateless.
 */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ResultJson() {}

    /** A new empty object. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code node} as the CLI prints it. */
    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a tree of strings and numbers", e);
        }
    }

    /** One run's result in the shape execution records keep it ({@link RunResultJson}). */
    static ObjectNode result(ExecutionResult r) {
        try {
            return (ObjectNode) JSON.readTree(RunResultJson.of(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SDK wrote a run result that is not JSON", e);
        }
    }

    /**
     * What {@code agentic exec --json} prints: the result plus the validator's findings;
     * {@code result == null} means the validator rejected the program and it never ran. {@code written} maps
     * output files to where {@code --output-dir} put them.
     */
    static ObjectNode exec(ExecutionResult result, List<Finding> findings, Map<String, Path> written) {
        ObjectNode n;
        if (result == null) {
            n = JSON.createObjectNode();
            n.put("status", "REJECTED");
            n.putNull("exitCode");
            n.putNull("signal");
            n.putNull("limit");
            n.put("stdout", "");
            n.put("stderr", "");
            n.put("stdoutTruncated", false);
            n.put("stderrTruncated", false);
            n.put("durationMs", 0);
            n.putArray("files");
            n.putArray("network");
        } else {
            n = result(result);
            for (JsonNode file : n.path("files")) {
                Path saved = written.get(file.path("path").asText());
                ((ObjectNode) file).put("savedAs", saved == null ? null : saved.toString());
            }
        }
        n.set("findings", findings(findings));
        return n;
    }

    /** The findings of a validation. */
    static ArrayNode findings(List<Finding> findings) {
        ArrayNode found = JSON.createArrayNode();
        for (Finding f : findings) {
            found.addObject()
                    .put("rule", f.rule().id())
                    .put("severity", f.severity().id())
                    .put("message", f.message())
                    .put("line", f.line())
                    .put("column", f.column());
        }
        return found;
    }

    /** What {@code agentic run --json} prints for a finished (or failed, or errored) workflow. */
    static ObjectNode workflow(WorkflowResult r, ArtifactStore records, Map<String, Path> written) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status().name());
        n.put("runId", r.runId().value());
        n.put("attempts", r.attempts().size());
        n.put("modelCalls", r.modelCalls());
        n.putObject("usage")
                .put("inputTokens", r.usage().inputTokens())
                .put("outputTokens", r.usage().outputTokens());
        if (r.estimatedCostUsd().isPresent()) {
            n.put("estimatedCostUsd", r.estimatedCostUsd().get().stripTrailingZeros());
        } else {
            n.putNull("estimatedCostUsd");
        }
        n.put("code", r.finalCode().map(c -> c.source()).orElse(null));
        if (r.finalResult().isPresent()) {
            n.set("result", result(r.finalResult().get()));
        } else {
            n.putNull("result");
        }
        if (r.error().isPresent()) {
            n.set("error", error(r.error().get()));
        } else {
            n.putNull("error");
        }
        n.put("reason", reason(r));
        ArrayNode keys = n.putArray("records");
        r.records().forEach(k -> keys.add(CliValues.location(records, k)));
        ArrayNode outputs = n.putArray("outputs");
        for (OutputFile f : r.finalResult().map(x -> x.output().files()).orElse(List.of())) {
            String key = r.outputKeys().get(f.path());
            Path saved = written.get(f.path());
            outputs.addObject()
                    .put("path", f.path())
                    .put("size", f.size())
                    .put("stored", key == null ? null : CliValues.location(records, key))
                    .put("savedAs", saved == null ? null : saved.toString());
        }
        return n;
    }

    /** What a command prints with {@code --json} when it could not do its work at all. */
    static ObjectNode error(WorkflowError.Kind kind, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", WorkflowStatus.ERROR.name());
        n.set("error", error(WorkflowError.of(kind, message, false)));
        n.put("reason", message);
        return n;
    }

    private static ObjectNode error(WorkflowError e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("kind", e.kind().name());
        error.put("message", e.message());
        error.put("retryable", e.retryable());
        e.modelErrorKind().ifPresent(k -> error.put("modelErrorKind", k.name()));
        return error;
    }

    /** Why the workflow did not succeed, in one sentence; null when it did. */
    static String reason(WorkflowResult r) {
        if (r.succeeded()) {
            return null;
        }
        if (r.error().isPresent()) {
            return r.error().get().message();
        }
        List<Attempt> attempts = r.attempts();
        if (attempts.isEmpty()) {
            return "no attempt was made";
        }
        Attempt last = attempts.get(attempts.size() - 1);
        String tail = last.execution()
                .map(x -> "the program ended " + x.describe())
                .or(() -> last.validation()
                        .filter(v -> !v.valid())
                        .map(v ->
                                "validation rejected the program: " + v.errors().get(0)))
                .orElse("the model's answer held no program");
        return "all " + attempts.size() + " attempt(s) failed; the last: " + tail;
    }
}
