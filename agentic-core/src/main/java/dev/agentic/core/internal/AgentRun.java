package dev.agentic.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.Attempt;
import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.ToolSpec;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.Finding;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link dev.agentic.core.AgentOrchestrator}: the tool loop between the leading model and the
 * {@code generate_code} / {@code execute_code} tools. Used once, on one thread.
 */
public final class AgentRun {
    static final String GENERATE = "generate_code";
    static final String EXECUTE = "execute_code";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL = 2000;
    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec(
                    GENERATE,
                    "Write (or rewrite) the program for the task. Returns a code_id and the code. "
                            + "Call it again after a failed execution to get a repaired program.",
                    "{\"type\":\"object\",\"properties\":{\"instructions\":{\"type\":\"string\",\"description\":"
                            + "\"Optional extra guidance for the programmer.\"}}}"),
            new ToolSpec(
                    EXECUTE,
                    "Validate a generated program against the policy and, if valid, run it in the "
                            + "sandbox. Returns status, exit code, stdout and stderr tails, and validation findings.",
                    "{\"type\":\"object\",\"properties\":{\"code_id\":{\"type\":\"string\",\"description\":"
                            + "\"The code_id returned by generate_code; the latest when omitted.\"}}}"));

    private final ChatModel model;
    private final WorkflowSettings settings;
    private final int maxToolRounds;
    private final Task task;
    private final List<Turn> history;
    private final RunLedger ledger;
    private final Map<String, GenerationResult.Generated> programs = new LinkedHashMap<>();
    private final Map<String, Duration> generationTimes = new LinkedHashMap<>();
    private Feedback feedback;
    private ExecutionResult lastResult;
    private int generations;

    public AgentRun(ChatModel model, WorkflowSettings settings, int maxToolRounds, WorkflowRequest request) {
        this.model = model;
        this.settings = settings;
        this.maxToolRounds = maxToolRounds;
        this.task = request.task();
        this.history = request.history();
        this.ledger = new RunLedger(settings, request);
    }

    public WorkflowResult run() {
        ledger.emit(new WorkflowEvent.Started(ledger.runId(), ledger.now(), task));
        return ledger.recordingFailures(() -> {
            ledger.guard().checkpoint();
            ledger.resolveSecrets(settings.secrets());
            return loop();
        });
    }

    private WorkflowResult loop() {
        List<Message> messages = new ArrayList<>();
        messages.add(Message.user(taskPrompt()));
        for (int round = 1; round <= maxToolRounds; round++) {
            ledger.guard().checkpoint();
            ChatRequest.Builder request = ChatRequest.builder().system(SYSTEM).messages(messages);
            TOOLS.forEach(request::tool);
            ChatRequest chat = request.build();
            RunLedger.GenerationEvents calls = ledger.leadingModelEvents();
            Instant start = ledger.now();
            ChatResponse response = ledger.guard()
                    .modelCall(
                            () -> PluginCalls.model("ChatModel[" + model.id() + "]", () -> model.chat(chat, calls)),
                            "agentic-model-call-" + ledger.runId());
            calls.finished(response.modelId(), response.usage(), Duration.between(start, ledger.now()));
            ledger.modelCall(response.modelId(), response.usage());
            messages.add(response.message());
            if (response.toolUses().isEmpty()) {
                WorkflowStatus status =
                        lastResult != null && lastResult.succeeded() ? WorkflowStatus.SUCCEEDED : WorkflowStatus.FAILED;
                return ledger.finish(status, null, response.text());
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ContentBlock.ToolUse use : response.toolUses()) {
                Instant toolStart = ledger.now();
                ContentBlock.ToolResult result = callTool(use);
                ledger.emit(new WorkflowEvent.ToolCalled(
                        ledger.runId(),
                        ledger.now(),
                        ledger.attemptCount(),
                        round,
                        use.name(),
                        use.id(),
                        result.error(),
                        Duration.between(toolStart, ledger.now())));
                results.add(result);
            }
            messages.add(new Message(Role.USER, results));
        }
        return ledger.finish(
                WorkflowStatus.FAILED,
                WorkflowError.of(
                        WorkflowError.Kind.ROUNDS_EXHAUSTED,
                        "the model used all " + maxToolRounds
                                + " tool rounds without a final answer; raise maxToolRounds " + "or simplify the task",
                        false),
                null);
    }

    private ContentBlock.ToolResult callTool(ContentBlock.ToolUse use) {
        JsonNode input;
        try {
            input = JSON.readTree(use.inputJson().isBlank() ? "{}" : use.inputJson());
        } catch (IOException e) {
            return new ContentBlock.ToolResult(use.id(), "{\"error\":\"input is not valid JSON\"}", true);
        }
        switch (use.name()) {
            case GENERATE:
                return new ContentBlock.ToolResult(
                        use.id(), generate(input.path("instructions").asText("")), false);
            case EXECUTE:
                return execute(use.id(), input.path("code_id").asText(""));
            default:
                return new ContentBlock.ToolResult(
                        use.id(),
                        "{\"error\":\"unknown tool '" + use.name() + "'; available: " + GENERATE + ", " + EXECUTE
                                + "\"}",
                        true);
        }
    }

    private String generate(String instructions) {
        int attempt = ++generations;
        Task t = instructions.isBlank()
                ? task
                : task.toBuilder()
                        .description(task.description() + "\n\nAdditional instructions: " + instructions)
                        .build();
        RunLedger.Generation generated = ledger.generate(settings.generator(), t, history, feedback, attempt);
        GenerationResult g = generated.result();
        ObjectNode out = JSON.createObjectNode();
        if (g instanceof GenerationResult.NoCode none) {
            ledger.emit(new WorkflowEvent.NoCodeGenerated(ledger.runId(), ledger.now(), attempt, none.reason()));
            ledger.attempt(Attempt.builder()
                    .number(attempt)
                    .generation(g)
                    .generationTime(generated.time())
                    .build());
            feedback = new Feedback.NoCode(none.modelText(), none.reason());
            out.put("error", "no program could be extracted: " + none.reason());
            return out.toString();
        }
        GenerationResult.Generated gen = (GenerationResult.Generated) g;
        ledger.emit(new WorkflowEvent.CodeGenerated(ledger.runId(), ledger.now(), attempt, gen.code(), gen.modelId()));
        String id = "code-" + attempt;
        programs.put(id, gen);
        generationTimes.put(id, generated.time());
        out.put("code_id", id);
        out.put("language", gen.code().language().id());
        out.put("code", gen.code().source());
        return out.toString();
    }

    private ContentBlock.ToolResult execute(String toolUseId, String codeId) {
        String id = codeId.isBlank() && !programs.isEmpty()
                ? new ArrayList<>(programs.keySet()).get(programs.size() - 1)
                : codeId;
        GenerationResult.Generated gen = programs.get(id);
        if (gen == null) {
            return new ContentBlock.ToolResult(
                    toolUseId,
                    "{\"error\":\"no program with code_id '" + codeId + "'; call " + GENERATE + " first\"}",
                    true);
        }
        int attempt = ledger.attemptCount() + 1;
        Code code = gen.code();
        Instant start = ledger.now();
        Attempt.Builder record =
                Attempt.builder().number(attempt).generation(gen).generationTime(generationTimes.get(id));
        ExecutionOutcome outcome;
        try {
            outcome = ledger.guard()
                    .interruptibleStep(() -> PluginCalls.sandbox(
                            settings.executor().toString(),
                            () -> settings.executor().execute(ledger.request(code), ledger.observer(attempt))));
        } catch (RunGuard.RunCancelled cancelled) {
            ledger.attempt(record.executionTime(Duration.between(start, ledger.now()))
                    .cancelled()
                    .build());
            throw cancelled;
        }
        record.executionTime(Duration.between(start, ledger.now())).validation(outcome.validation());
        ObjectNode out = JSON.createObjectNode();
        out.put("code_id", id);
        if (outcome instanceof ExecutionOutcome.Rejected rejected) {
            ledger.attempt(record.build());
            feedback = new Feedback.Rejected(code, rejected.validation().errors());
            out.put("status", "REJECTED");
            ArrayNode findings = out.putArray("findings");
            for (Finding f : rejected.validation().errors()) {
                findings.add(f.toString());
            }
            return new ContentBlock.ToolResult(toolUseId, out.toString(), false);
        }
        ExecutionOutcome.Ran ran = (ExecutionOutcome.Ran) outcome;
        ExecutionResult result = ledger.redact(ran.result());
        ledger.emit(new WorkflowEvent.Executed(ledger.runId(), ledger.now(), attempt, result));
        ledger.attempt(record.execution(result).build());
        lastResult = result;
        feedback = result.succeeded() ? null : new Feedback.RunFailed(code, result);
        out.put("status", result.status());
        if (result instanceof ExecutionResult.Failed f) {
            out.put("exit_code", f.exitCode());
        }
        out.put("stdout", result.output().stdoutTail(TAIL));
        out.put("stderr", result.output().stderrTail(TAIL));
        return new ContentBlock.ToolResult(toolUseId, out.toString(), false);
    }

    private String taskPrompt() {
        StringBuilder sb =
                new StringBuilder("Task: ").append(task.description()).append('\n');
        sb.append("Language: ").append(task.language().displayName()).append('\n');
        if (!task.secrets().isEmpty()) {
            sb.append("Secrets available to the program as environment variables: ")
                    .append(String.join(", ", task.secrets().keySet()))
                    .append('\n');
        }
        if (!task.network().isNone()) {
            sb.append("Hosts the program may reach: ")
                    .append(task.network().allowedHosts())
                    .append('\n');
        }
        for (Turn turn : history) {
            sb.append("\nEarlier task: ").append(turn.task().description()).append('\n');
        }
        return sb.toString();
    }

    private static final String SYSTEM = "You coordinate a code-writing workflow. Use the tools: call "
            + GENERATE + " to get a program for the task, then " + EXECUTE + " to validate and run it. If it is "
            + "rejected or fails, call " + GENERATE + " again (it sees the failure) and execute the new program. "
            + "When a run succeeded, answer with a short summary of the result and no tool call. "
            + "Never invent results you did not see in a tool result.";
}
