package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.agentic.core.AbstractOrchestratorBuilder;
import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Attempt;
import dev.agentic.core.CancellationToken;
import dev.agentic.core.Code;
import dev.agentic.core.Conversation;
import dev.agentic.core.Executor;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Generator;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.RunId;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowHandle;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.record.ExecutionRecord;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunIdentityAndCancellationTest {
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();

    private Orchestrator orchestrator(Generator generator, Sandbox sandbox) {
        return Orchestrator.builder()
                .generator(generator)
                .executor(Executor.builder()
                        .sandbox(sandbox)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .listener(events::add)
                .maxAttempts(2)
                .build();
    }

    private static Task task() {
        return Task.builder()
                .description("Print a greeting")
                .integration("demo")
                .build();
    }

    private ExecutionRecord record(WorkflowResult result) {
        return ExecutionRecord.read(
                store.get(result.records().get(result.records().size() - 1)).orElseThrow());
    }

    @Test
    void callerRunIdIsOnEveryEventTheResultAndTheStoredRecord() {
        RunId id = RunId.of("tab-7.request-42");
        WorkflowResult result = orchestrator(new Doubles.ListGenerator("ok"), new Doubles.MarkerSandbox())
                .run(WorkflowRequest.builder().task(task()).runId(id).build());

        assertThat(result.runId()).isEqualTo(id);
        assertThat(events).isNotEmpty().extracting(WorkflowEvent::runId).containsOnly(id);
        ExecutionRecord record = record(result);
        assertThat(record.runId()).contains(id);
        assertThat(record.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(record.formatVersion()).isEqualTo(ExecutionRecord.NEWEST_FORMAT);
        assertThat(record.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.run().orElseThrow().stdout()).isEqualTo("ran: ok\n"));
    }

    @Test
    void perRunListenersHearOnlyTheirOwnRunWhileOrchestratorListenersHearEvery() {
        Orchestrator orchestrator = orchestrator(new Doubles.ListGenerator("a", "b"), new Doubles.MarkerSandbox());
        List<WorkflowEvent> first = new CopyOnWriteArrayList<>();
        List<WorkflowEvent> second = new CopyOnWriteArrayList<>();

        WorkflowResult r1 = orchestrator.run(
                WorkflowRequest.builder().task(task()).listener(first::add).build());
        WorkflowResult r2 = orchestrator.run(
                WorkflowRequest.builder().task(task()).listener(second::add).build());

        assertThat(r1.runId()).isNotEqualTo(r2.runId());
        assertThat(first).isNotEmpty().extracting(WorkflowEvent::runId).containsOnly(r1.runId());
        assertThat(second).isNotEmpty().extracting(WorkflowEvent::runId).containsOnly(r2.runId());
        assertThat(events).hasSize(first.size() + second.size());
    }

    @Test
    void cancellingDuringTheModelCallAbandonsItAndStoresACancelledRecord() throws Exception {
        CountDownLatch calling = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Generator hanging = request -> {
            calling.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return new GenerationResult.Generated(Code.python("late"), "late", TokenUsage.ZERO, "m", false);
        };
        WorkflowHandle handle =
                orchestrator(hanging, new Doubles.MarkerSandbox()).runAsync(task());
        assertThat(calling.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handle.cancel()).isTrue();
        WorkflowResult result = handle.result().get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.error())
                .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(WorkflowError.Kind.CANCELLED));
        assertThat(result.attempts()).isEmpty();
        assertThat(record(result).status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(events).last().isInstanceOf(WorkflowEvent.Cancelled.class);
        assertThat(handle.cancel()).isFalse();
        waitUntil(interrupted);
        assertThat(events).noneMatch(e -> e instanceof WorkflowEvent.CodeGenerated);
    }

    @Test
    void cancellingDuringTheSandboxRunInterruptsItAndRecordsTheAttemptAsCancelled() throws Exception {
        BlockingSandbox sandbox = new BlockingSandbox();
        WorkflowHandle handle =
                orchestrator(new Doubles.ListGenerator("sleep"), sandbox).runAsync(task());
        assertThat(sandbox.running.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        WorkflowResult result = handle.join();

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(sandbox.interrupted).isTrue();
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.CANCELLED);
        assertThat(result.finalCode()).map(Code::source).contains("sleep");
        assertThat(record(result).attempts()).extracting(a -> a.outcome()).containsExactly(Attempt.Outcome.CANCELLED);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aTokenCancelledBeforeTheRunStartsEndsItAtOnceWithoutCallingTheModel() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("never");
        CancellationToken token = CancellationToken.create();
        token.cancel();

        WorkflowResult result = orchestrator(generator, new Doubles.MarkerSandbox())
                .run(WorkflowRequest.builder().task(task()).cancellation(token).build());

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(generator.requests).isEmpty();
        assertThat(result.records()).hasSize(1);
    }

    @Test
    void fallbackChainReportsEveryModelCallWithItsPositionAndTheAnsweringModel() {
        ChatModel throttled = new FixedModel("primary", null, ModelException.Kind.THROTTLED);
        ChatModel backup = new FixedModel("backup", "```python\nprint(1)\n```", null);
        FallbackChatModel chain = FallbackChatModel.builder()
                .models(throttled, backup)
                .sleeper(d -> {})
                .build();

        WorkflowResult result = orchestrator(
                        ModelGenerator.builder().model(chain).build(), new Doubles.MarkerSandbox())
                .run(task());

        List<WorkflowEvent.ModelCalled> calls = events.stream()
                .filter(WorkflowEvent.ModelCalled.class::isInstance)
                .map(WorkflowEvent.ModelCalled.class::cast)
                .toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).call().modelId()).isEqualTo("primary");
        assertThat(calls.get(0).call().failure()).contains(ModelException.Kind.THROTTLED);
        assertThat(calls.get(1).call().modelId()).isEqualTo("backup");
        assertThat(calls.get(1).call().answered()).isTrue();
        assertThat(calls.get(1).call().chainPosition()).isEqualTo(1);
        assertThat(calls.get(1).call().usage()).isEqualTo(new TokenUsage(10, 5, 3, 0));
        assertThat(result.usage().cacheReadTokens()).isEqualTo(3);
        assertThat(record(result).usage().cacheReadTokens()).isEqualTo(3);
    }

    @Test
    void aModelFailureKeepsItsKindAndRetryabilityInTheResultErrorAndTheRecord() {
        Generator throttled = request -> {
            throw new ModelException(ModelException.Kind.THROTTLED, "primary", "slow down");
        };
        Orchestrator orchestrator = orchestrator(throttled, new Doubles.MarkerSandbox());

        assertThatThrownBy(() -> orchestrator.run(task())).isInstanceOf(ModelException.class);

        ExecutionRecord record =
                ExecutionRecord.read(store.get(store.list("executions/").get(0)).orElseThrow());
        assertThat(record.status()).isEqualTo(WorkflowStatus.ERROR);
        WorkflowError error = record.error().orElseThrow();
        assertThat(error.kind()).isEqualTo(WorkflowError.Kind.MODEL);
        assertThat(error.modelErrorKind()).contains(ModelException.Kind.THROTTLED);
        assertThat(error.retryable()).isTrue();
        assertThat(events)
                .last()
                .isInstanceOfSatisfying(
                        WorkflowEvent.Failed.class,
                        f -> assertThat(f.result().error()).contains(error));
    }

    @Test
    void agentOrchestratorReportsTheLeadingModelsCallsAndEachToolCall() {
        ChatModel leader = new ToolThenAnswerModel();
        AgentOrchestrator orchestrator = AgentOrchestrator.builder()
                .model(leader)
                .generator(new Doubles.ListGenerator("ok"))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .listener(events::add)
                .build();

        WorkflowResult result = orchestrator.run(task());

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(events)
                .filteredOn(WorkflowEvent.ToolCalled.class::isInstance)
                .extracting(e -> ((WorkflowEvent.ToolCalled) e).tool())
                .containsExactly("generate_code", "execute_code");
        assertThat(events)
                .filteredOn(WorkflowEvent.ModelCalled.class::isInstance)
                .extracting(e -> ((WorkflowEvent.ModelCalled) e).call().modelId())
                .containsExactly("leader", "scripted-test", "leader", "leader");
    }

    @Test
    void aThirdPartyOrchestratorGetsConversationsByImplementingRunAlone() {
        List<WorkflowRequest> seen = new CopyOnWriteArrayList<>();
        Orchestrator inner = orchestrator(new Doubles.ListGenerator("first", "second"), new Doubles.MarkerSandbox());
        Orchestrator thirdParty = request -> {
            seen.add(request);
            return inner.run(request);
        };
        Conversation conversation = thirdParty.conversation();

        conversation.run(task());
        conversation.followUp("Now shout it");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).history())
                .singleElement()
                .satisfies(t -> assertThat(t.code().source()).isEqualTo("first"));
    }

    @Test
    void buildingWithTheDefaultStoreCreatesNoDirectory() {
        Path dir = Path.of(AbstractOrchestratorBuilder.DEFAULT_STORE_DIR);
        assumeFalse(Files.exists(dir), "a stray agentic-runs directory exists");

        Orchestrator.builder()
                .generator(new Doubles.ListGenerator("x"))
                .executor(
                        Executor.builder().sandbox(new Doubles.MarkerSandbox()).build())
                .build();

        assertThat(dir).doesNotExist();
    }

    @Test
    void readingARecordOfANewerFormatSaysToUpgrade() {
        assertThatThrownBy(() -> ExecutionRecord.read("{\"formatVersion\": 99}".getBytes()))
                .hasMessageContaining("format 99")
                .hasMessageContaining("upgrade");
        ExecutionRecord v1 = ExecutionRecord.read(("{\"formatVersion\":1,\"createdAt\":\"2026-01-12T07:07:04Z\","
                        + "\"status\":\"ERROR\",\"task\":{\"description\":\"d\",\"integration\":\"stripe\",\"language\":\"python\"},"
                        + "\"usage\":{\"inputTokens\":5,\"outputTokens\":1},\"error\":\"boom\",\"attempts\":[]}")
                .getBytes());
        assertThat(v1.runId()).isEmpty();
        assertThat(v1.error()).hasValueSatisfying(e -> assertThat(e.message()).isEqualTo("boom"));
        assertThat(v1.usage()).isEqualTo(new TokenUsage(5, 1));
    }

    private static void waitUntil(AtomicBoolean flag) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!flag.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(flag).isTrue();
    }

    /** Blocks every run until interrupted, as a real sandbox kills a program when its thread is interrupted. */
    private static final class BlockingSandbox implements Sandbox {
        final CountDownLatch running = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                throw new SandboxException("Interrupted while the program ran; it was killed.");
            }
            return new ExecutionResult.Succeeded(ExecutionOutput.of("", "", Duration.ZERO));
        }

        @Override
        public SandboxCapabilities capabilities() {
            return SandboxCapabilities.builder()
                    .allCapabilities()
                    .languages(List.of(Language.PYTHON))
                    .build();
        }

        @Override
        public void close() {}
    }

    /** Answers with {@code text}, or fails with {@code failure}. */
    private record FixedModel(String id, String text, ModelException.Kind failure) implements ChatModel {
        @Override
        public ChatResponse chat(ChatRequest request) {
            if (failure != null) {
                throw new ModelException(failure, id, "scripted failure");
            }
            return ChatResponse.ofText(text, new TokenUsage(10, 5, 3, 0), id);
        }
    }

    /** Calls generate_code, then execute_code, then answers. */
    private static final class ToolThenAnswerModel implements ChatModel {
        private int calls;

        @Override
        public String id() {
            return "leader";
        }

        @Override
        public synchronized ChatResponse chat(ChatRequest request) {
            calls++;
            TokenUsage usage = new TokenUsage(50, 10);
            if (calls == 1) {
                return new ChatResponse(
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t1", "generate_code", "{}"))),
                        StopReason.TOOL_USE,
                        usage,
                        id());
            }
            if (calls == 2) {
                return new ChatResponse(
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t2", "execute_code", "{}"))),
                        StopReason.TOOL_USE,
                        usage,
                        id());
            }
            return ChatResponse.ofText("It printed ok.", usage, id());
        }
    }
}
