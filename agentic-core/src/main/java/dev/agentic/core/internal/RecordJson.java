package dev.agentic.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.Attempt;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes a workflow's execution record as JSON. Stateless and thread-safe. The whole document passes the
 * run's {@link Redactor} last, so no secret value can reach storage whatever a program printed.
 */
public final class RecordJson {
    /**
     * Version of the record format; bumped on incompatible changes. 2 added the run id, prompt-cache tokens and
     * the typed error object (1 had the error as text). Version 2 records may carry {@code outputs} (the stored
     * output files), which older readers ignore.
     */
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private RecordJson() {}

    /** The record of {@code result} as UTF-8 JSON bytes, redacted. */
    public static byte[] write(WorkflowResult result, Instant createdAt, String codeKey, Redactor redactor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("runId", result.runId().value());
        root.put("createdAt", createdAt.toString());
        root.put("status", result.status().name());
        root.set("task", task(result.task()));
        root.put("attemptCount", result.attempts().size());
        root.put("modelCalls", result.modelCalls());
        root.set("usage", usage(result.usage()));
        if (result.estimatedCostUsd().isPresent()) {
            root.put("estimatedCostUsd", result.estimatedCostUsd().get());
        } else {
            root.putNull("estimatedCostUsd");
        }
        root.put("durationMs", result.duration().toMillis());
        root.put("finalCode", result.finalCode().map(c -> c.source()).orElse(null));
        root.put("codeKey", codeKey);
        result.error().ifPresent(e -> {
            ObjectNode error = root.putObject("error");
            error.put("kind", e.kind().name());
            error.put("message", e.message());
            error.put("retryable", e.retryable());
            e.modelErrorKind().ifPresent(k -> error.put("modelErrorKind", k.name()));
        });
        result.answer().ifPresent(a -> root.put("answer", a));
        ArrayNode outputs = root.putArray("outputs");
        List<OutputFile> files =
                result.finalResult().map(r -> r.output().files()).orElse(List.of());
        for (OutputFile f : files) {
            String key = result.outputKeys().get(f.path());
            if (key != null) {
                outputs.addObject()
                        .put("path", f.path())
                        .put("key", key)
                        .put("size", f.size())
                        .put("contentType", ContentTypes.forPath(f.path()).orElse(ContentTypes.OCTET_STREAM));
            }
        }
        ArrayNode attempts = root.putArray("attempts");
        for (Attempt a : result.attempts()) {
            attempts.add(attempt(a));
        }
        try {
            String text = JSON.writeValueAsString(root);
            return redactor.redact(text).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record serialisation failed", e);
        }
    }

    private static ObjectNode task(Task task) {
        ObjectNode n = JSON.createObjectNode();
        n.put("description", task.description());
        n.put("integration", task.integration());
        n.put("language", task.language().id());
        ObjectNode secrets = n.putObject("secrets");
        task.secrets().forEach((env, ref) -> secrets.put(env, ref.toString()));
        ArrayNode hosts = n.putArray("allowedHosts");
        task.network().allowedHosts().forEach(h -> hosts.add(h.toString()));
        ArrayNode env = n.putArray("environment");
        task.environment().keySet().forEach(env::add);
        ObjectNode limits = n.putObject("limits");
        limits.put("wallTimeMs", task.limits().wallTime().toMillis());
        limits.put("cpuTimeMs", task.limits().cpuTime().toMillis());
        limits.put("memoryBytes", task.limits().memoryBytes());
        limits.put("maxOutputBytes", task.limits().maxOutputBytes());
        return n;
    }

    private static ObjectNode usage(TokenUsage u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("inputTokens", u.inputTokens());
        n.put("outputTokens", u.outputTokens());
        n.put("cacheReadTokens", u.cacheReadTokens());
        n.put("cacheWriteTokens", u.cacheWriteTokens());
        return n;
    }

    private static ObjectNode attempt(Attempt a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("number", a.number());
        n.put("outcome", a.outcome().name());
        GenerationResult g = a.generation();
        n.put("modelId", g.modelId());
        n.set("usage", usage(g.usage()));
        n.put("generationMs", a.generationTime().toMillis());
        n.put("executionMs", a.executionTime().toMillis());
        if (g instanceof GenerationResult.Generated gen) {
            n.put("code", gen.code().source());
            n.put("truncated", gen.truncated());
        } else if (g instanceof GenerationResult.NoCode none) {
            n.put("noCodeReason", none.reason());
            n.put("modelText", none.modelText());
        }
        a.validation().ifPresent(v -> n.set("validation", validation(v)));
        a.execution().ifPresent(r -> n.set("result", result(r)));
        return n;
    }

    private static ObjectNode validation(ValidationResult v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("valid", v.valid());
        n.put("durationMicros", v.duration().toNanos() / 1000);
        ArrayNode findings = n.putArray("findings");
        for (Finding f : v.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("rule", f.rule().id());
            fn.put("severity", f.severity().id());
            fn.put("message", f.message());
            fn.put("line", f.line());
            fn.put("column", f.column());
        }
        return n;
    }

    /** The JSON form of one run result, as records keep it (public through {@code RunResultJson}). */
    public static ObjectNode result(ExecutionResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status());
        if (r instanceof ExecutionResult.Failed f) {
            n.put("exitCode", f.exitCode());
        } else if (r instanceof ExecutionResult.Succeeded) {
            n.put("exitCode", 0);
        } else {
            n.putNull("exitCode");
        }
        if (r instanceof ExecutionResult.Killed k) {
            if (k.signal() > 0) {
                n.put("signal", k.signal());
            } else {
                n.putNull("signal");
            }
            n.put("limit", k.limit() == Limit.UNKNOWN ? null : k.limit().id());
        } else if (r instanceof ExecutionResult.TimedOut) {
            n.putNull("signal");
            n.put("limit", "wall");
        } else {
            n.putNull("signal");
            n.putNull("limit");
        }
        ExecutionOutput o = r.output();
        n.put("stdout", o.stdout());
        o.value().ifPresent(v -> n.put("value", v));
        n.put("stderr", o.stderr());
        n.put("stdoutTruncated", o.stdoutTruncated());
        n.put("stderrTruncated", o.stderrTruncated());
        n.put("durationMs", o.duration().toMillis());
        ArrayNode files = n.putArray("files");
        for (OutputFile f : o.files()) {
            files.addObject().put("path", f.path()).put("size", f.size());
        }
        ArrayNode net = n.putArray("network");
        for (NetworkDecision d : o.network()) {
            net.addObject()
                    .put("host", d.host())
                    .put("port", d.port())
                    .put("allowed", d.allowed())
                    .put("reason", d.reason());
        }
        ArrayNode notes = n.putArray("notes");
        o.notes().forEach(notes::add);
        return n;
    }
}
