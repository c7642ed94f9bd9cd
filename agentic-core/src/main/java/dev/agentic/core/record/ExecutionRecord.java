package dev.agentic.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.Attempt;
import dev.agentic.core.RunId;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.store.StorageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A stored execution record, read back: what an orchestrator wrote for one run (status, task, attempts,
 * tokens, cost, error, final code), as typed values. Reads every format version up to
 * {@link #NEWEST_FORMAT}; version 1 records have no run id and keep their error as text only (read as
 * {@link WorkflowError.Kind#OTHER}). Immutable and thread-safe.
 *
 * <pre>{@code
 * byte[] json = store.get(result.records().get(result.records().size() - 1)).orElseThrow();
 * ExecutionRecord record = ExecutionRecord.read(json);
 * System.out.println(record.status() + " " + record.usage().totalTokens() + " tokens");
 * }</pre>
 */
@Experimental
public final class ExecutionRecord {
    /** The newest record format this SDK writes and reads. */
    public static final int NEWEST_FORMAT = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int formatVersion;
    private final RunId runId;
    private final Instant createdAt;
    private final WorkflowStatus status;
    private final String description;
    private final String integration;
    private final String language;
    private final List<String> allowedHosts;
    private final int modelCalls;
    private final TokenUsage usage;
    private final BigDecimal estimatedCostUsd;
    private final Duration duration;
    private final String finalCode;
    private final String codeKey;
    private final WorkflowError error;
    private final String answer;
    private final List<RecordedAttempt> attempts;
    private final List<RecordedOutput> outputs;

    private ExecutionRecord(JsonNode root, int formatVersion) {
        this.formatVersion = formatVersion;
        this.runId = root.hasNonNull("runId") ? RunId.of(root.get("runId").asText()) : null;
        this.createdAt = Instant.parse(required(root, "createdAt").asText());
        this.status = WorkflowStatus.valueOf(required(root, "status").asText());
        JsonNode task = required(root, "task");
        this.description = required(task, "description").asText();
        this.integration = required(task, "integration").asText();
        this.language = required(task, "language").asText();
        this.allowedHosts = texts(task.path("allowedHosts"));
        this.modelCalls = root.path("modelCalls").asInt();
        this.usage = usage(root.path("usage"));
        this.estimatedCostUsd = root.hasNonNull("estimatedCostUsd")
                ? root.get("estimatedCostUsd").decimalValue()
                : null;
        this.duration = Duration.ofMillis(root.path("durationMs").asLong());
        this.finalCode = text(root, "finalCode");
        this.codeKey = text(root, "codeKey");
        this.error = error(root.get("error"));
        this.answer = text(root, "answer");
        List<RecordedAttempt> list = new ArrayList<>();
        for (JsonNode a : root.path("attempts")) {
            list.add(attempt(a));
        }
        this.attempts = List.copyOf(list);
        List<RecordedOutput> files = new ArrayList<>();
        for (JsonNode o : root.path("outputs")) {
            files.add(new RecordedOutput(
                    required(o, "path").asText(),
                    required(o, "key").asText(),
                    o.path("size").asLong(),
                    o.path("contentType").asText("application/octet-stream")));
        }
        this.outputs = List.copyOf(files);
    }

    /**
     * Reads a record from its stored JSON bytes.
     *
     * @throws StorageException when the bytes are not a record, or a record of a newer format than this SDK
     *     reads (the message says which)
     */
    public static ExecutionRecord read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new StorageException("Not an execution record: the bytes are not JSON (" + e.getMessage() + ").", e);
        }
        if (root == null || !root.isObject() || !root.path("formatVersion").canConvertToInt()) {
            throw new StorageException("Not an execution record: no formatVersion field.");
        }
        int version = root.get("formatVersion").asInt();
        if (version < 1 || version > NEWEST_FORMAT) {
            throw new StorageException("Execution record format " + version + " is not readable by this SDK, which "
                    + "reads formats 1 to " + NEWEST_FORMAT + "; upgrade dev.agentic:agentic-core to read it.");
        }
        try {
            return new ExecutionRecord(root, version);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new StorageException("Execution record (format " + version + ") is damaged: " + e.getMessage(), e);
        }
    }

    public int formatVersion() {
        return formatVersion;
    }

    /** The run's id; empty for format-1 records, which had none. */
    public Optional<RunId> runId() {
        return Optional.ofNullable(runId);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public WorkflowStatus status() {
        return status;
    }

    /** The task's description. */
    public String description() {
        return description;
    }

    public String integration() {
        return integration;
    }

    /** The language's id ({@code python}, {@code java}, …). */
    public String language() {
        return language;
    }

    /** The task's network allowlist as {@code host[:port]} entries. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public int modelCalls() {
        return modelCalls;
    }

    public TokenUsage usage() {
        return usage;
    }

    public Optional<BigDecimal> estimatedCostUsd() {
        return Optional.ofNullable(estimatedCostUsd);
    }

    public Duration duration() {
        return duration;
    }

    public Optional<String> finalCode() {
        return Optional.ofNullable(finalCode);
    }

    /** Key of the stored final program, when there was one. */
    public Optional<String> codeKey() {
        return Optional.ofNullable(codeKey);
    }

    public Optional<WorkflowError> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> answer() {
        return Optional.ofNullable(answer);
    }

    public List<RecordedAttempt> attempts() {
        return attempts;
    }

    /**
     * The output files of the run's last sandbox execution, stored next to the record; empty when it left none
     * (and for records written before output files were stored).
     */
    public List<RecordedOutput> outputs() {
        return outputs;
    }

    @Override
    public String toString() {
        return "ExecutionRecord[" + (runId == null ? "no run id" : runId) + ", " + status + ", " + attempts.size()
                + " attempts, " + createdAt + "]";
    }

    private static RecordedAttempt attempt(JsonNode a) {
        List<String> findings = new ArrayList<>();
        for (JsonNode f : a.path("validation").path("findings")) {
            findings.add(
                    "line " + f.path("line").asInt() + ":" + f.path("column").asInt() + " ["
                            + f.path("rule").asText() + "] " + f.path("message").asText());
        }
        JsonNode r = a.get("result");
        RecordedRun run = null;
        if (r != null && r.isObject()) {
            run = new RecordedRun(
                    required(r, "status").asText(),
                    r.hasNonNull("exitCode") ? OptionalInt.of(r.get("exitCode").asInt()) : OptionalInt.empty(),
                    Optional.ofNullable(text(r, "limit")),
                    r.path("stdout").asText(""),
                    r.path("stderr").asText(""),
                    r.path("stdoutTruncated").asBoolean()
                            || r.path("stderrTruncated").asBoolean(),
                    Duration.ofMillis(r.path("durationMs").asLong()),
                    paths(r.path("files")),
                    texts(r.path("notes")));
        }
        return new RecordedAttempt(
                a.path("number").asInt(),
                Attempt.Outcome.valueOf(required(a, "outcome").asText()),
                a.path("modelId").asText(""),
                usage(a.path("usage")),
                Duration.ofMillis(a.path("generationMs").asLong()),
                Duration.ofMillis(a.path("executionMs").asLong()),
                Optional.ofNullable(text(a, "code")),
                findings,
                Optional.ofNullable(run));
    }

    private static WorkflowError error(JsonNode e) {
        if (e == null || e.isNull()) {
            return null;
        }
        if (e.isTextual()) {
            return WorkflowError.of(WorkflowError.Kind.OTHER, e.asText(), false);
        }
        WorkflowError.Kind kind = WorkflowError.Kind.valueOf(required(e, "kind").asText());
        String message = e.path("message").asText("");
        if (kind == WorkflowError.Kind.MODEL && e.hasNonNull("modelErrorKind")) {
            return WorkflowError.model(
                    ModelException.Kind.valueOf(e.get("modelErrorKind").asText()), message);
        }
        return WorkflowError.of(kind, message, e.path("retryable").asBoolean());
    }

    private static TokenUsage usage(JsonNode u) {
        return new TokenUsage(
                u.path("inputTokens").asLong(),
                u.path("outputTokens").asLong(),
                u.path("cacheReadTokens").asLong(),
                u.path("cacheWriteTokens").asLong());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static List<String> paths(JsonNode files) {
        List<String> out = new ArrayList<>();
        files.forEach(n -> out.add(n.path("path").asText()));
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }
}
