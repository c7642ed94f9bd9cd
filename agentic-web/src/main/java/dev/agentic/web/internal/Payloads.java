package dev.agentic.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationResult;
import java.util.List;
import java.util.Locale;

/** The JSON of the API ({@code docs/web-api.md}): events, run results, findings, workflow summaries. */
@Internal
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode error(String message) {
        return object().put("error", message);
    }

    /** The JSON text of {@code node}. */
    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AgenticException("could not write a JSON payload: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as the page receives it, or null for events the page does not show. */
    static ObjectNode event(WorkflowEvent event) {
        ObjectNode n = object().put("runId", event.runId().toString()).put("attempt", event.attempt());
        if (event instanceof WorkflowEvent.Started e) {
            return n.put("type", "started").put("task", e.task().description());
        } else if (event instanceof WorkflowEvent.GenerationStarted) {
            return n.put("type", "generating");
        } else if (event instanceof WorkflowEvent.CodeDelta e) {
            return n.put("type", "delta").put("text", e.text());
        } else if (event instanceof WorkflowEvent.ModelCalled e) {
            return n.put("type", "model").set("call", modelCall(e.call()));
        } else if (event instanceof WorkflowEvent.CodeGenerated e) {
            n.put("type", "code").put("modelId", e.modelId());
            return code(n, e.code());
        } else if (event instanceof WorkflowEvent.NoCodeGenerated e) {
            return n.put("type", "nocode").put("reason", e.reason());
        } else if (event instanceof WorkflowEvent.Validated e) {
            return n.put("type", "validated").set("validation", validation(e.result()));
        } else if (event instanceof WorkflowEvent.ExecutionStarted) {
            return n.put("type", "executing");
        } else if (event instanceof WorkflowEvent.Executed e) {
            return n.put("type", "executed").set("result", result(e.result(), null));
        } else if (event instanceof WorkflowEvent.Repairing e) {
            return n.put("type", "repairing").put("reason", e.reason());
        }
        return null;
    }

    static ObjectNode code(ObjectNode n, Code code) {
        return n.put("language", code.language().id()).put("code", code.source());
    }

    static ObjectNode modelCall(ModelCall call) {
        ObjectNode n = object().put("modelId", call.modelId())
                .put("inputTokens", call.usage().inputTokens())
                .put("outputTokens", call.usage().outputTokens())
                .put("latencyMs", call.latency().toMillis())
                .put("answered", call.answered())
                .put("fallback", call.fallback());
        call.failure().ifPresent(k -> n.put("failure", k.name()));
        return n;
    }

    static ObjectNode validation(ValidationResult v) {
        ObjectNode n = object().put("valid", v.valid());
        ArrayNode findings = n.putArray("findings");
        for (Finding f : v.findings()) {
            findings.addObject()
                    .put("rule", f.rule().toString())
                    .put("severity", f.severity().name().toLowerCase(Locale.ROOT))
                    .put("message", f.message())
                    .put("line", f.line())
                    .put("column", f.column());
        }
        return n;
    }

    /**
     * One run's outcome. {@code fileUrl} is the address prefix of its files ({@code …/files/}), or null when the
     * files are not downloadable yet (a run inside a workflow: the finished entry carries them). Carries every note
     * and, as {@code keyNotes}, those the page shows without being asked ({@link KeyNotes}).
     */
    static ObjectNode result(ExecutionResult r, String fileUrl) {
        ObjectNode n = object().put("status", r.status())
                .put("succeeded", r.succeeded())
                .put("stdout", r.stdout())
                .put("stderr", r.stderr())
                .put("stdoutTruncated", r.output().stdoutTruncated())
                .put("stderrTruncated", r.output().stderrTruncated())
                .put("durationMs", r.duration().toMillis());
        r.output().value().ifPresent(v -> n.put("value", v));
        if (r instanceof ExecutionResult.Failed f) {
            n.put("exitCode", f.exitCode());
        } else if (r instanceof ExecutionResult.TimedOut t) {
            n.put("limit", "WALL_TIME").put("limitValue", t.limit().toMillis() + " ms");
        } else if (r instanceof ExecutionResult.Killed k) {
            n.put("limit", k.limit().name()).put("signal", k.signal());
        }
        ArrayNode files = n.putArray("files");
        List<OutputFile> list = r.output().files();
        for (int i = 0; i < list.size(); i++) {
            OutputFile f = list.get(i);
            ObjectNode fn = files.addObject().put("path", f.path()).put("size", f.size());
            fn.put("image", FileTypes.isImage(f.path()));
            if (fileUrl != null) {
                fn.put("url", fileUrl + i);
            }
        }
        ArrayNode notes = n.putArray("notes");
        r.output().notes().forEach(notes::add);
        ArrayNode keyNotes = n.putArray("keyNotes");
        for (KeyNotes.KeyNote k : KeyNotes.of(r)) {
            keyNotes.addObject().put("kind", k.kind().id()).put("text", k.text());
        }
        return n;
    }

    /** What the page shows of a finished task: status, attempts, model, tokens, cost, final code and run. */
    static ObjectNode workflow(WorkflowResult w, String modelId, String fileUrl) {
        ObjectNode n = object().put("runId", w.runId().toString())
                .put("status", w.status().name())
                .put("succeeded", w.succeeded())
                .put("attempts", w.attempts().size())
                .put("modelCalls", w.modelCalls())
                .put("inputTokens", w.usage().inputTokens())
                .put("outputTokens", w.usage().outputTokens())
                .put("durationMs", w.duration().toMillis());
        if (modelId != null) {
            n.put("modelId", modelId);
        }
        w.estimatedCostUsd()
                .ifPresent(c -> n.put("estimatedCostUsd", c.stripTrailingZeros().toPlainString()));
        w.finalCode().ifPresent(c -> code(n, c));
        w.finalResult().ifPresent(r -> n.set("result", result(r, fileUrl)));
        w.error().ifPresent(e -> n.put("error", e.message()));
        ArrayNode records = n.putArray("records");
        w.records().forEach(records::add);
        return n;
    }
}
