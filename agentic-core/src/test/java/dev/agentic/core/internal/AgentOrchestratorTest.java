package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Attempt;
import dev.agentic.core.Executor;
import dev.agentic.core.Feedback;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOrchestratorTest {
    private final Doubles.MarkerSandbox sandbox = new Doubles.MarkerSandbox();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    /** A leading model that answers from a fixed list and records what it was sent. */
    private static final class LeadModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        private final List<ChatResponse> answers;

        LeadModel(ChatResponse... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public String id() {
            return "lead";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            return answers.get(requests.size() - 1);
        }
    }

    private static ChatResponse tool(String id, String name, String json) {
        return new ChatResponse(
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(id, name, json))),
                StopReason.TOOL_USE,
                new TokenUsage(50, 10),
                "lead");
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.ofText(text, new TokenUsage(60, 5), "lead");
    }

    private AgentOrchestrator agent(LeadModel lead, Doubles.ListGenerator generator, int rounds) {
        return AgentOrchestrator.builder()
                .model(lead)
                .generator(generator)
                .executor(Executor.builder()
                        .sandbox(sandbox)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .maxToolRounds(rounds)
                .build();
    }

    @Test
    void modelGeneratesExecutesRepairsAndAnswers() {
        LeadModel lead = new LeadModel(
                tool("t1", "generate_code", "{}"),
                tool("t2", "execute_code", "{\"code_id\":\"code-1\"}"),
                tool("t3", "generate_code", "{\"instructions\":\"handle the missing key\"}"),
                tool("t4", "execute_code", "{}"),
                answer("Created the customer."));
        Doubles.ListGenerator generator = new Doubles.ListGenerator("FAIL", "fixed()");

        WorkflowResult result = agent(lead, generator, 8).run(Task.of("Create a customer"));

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(result.answer()).contains("Created the customer.");
        assertThat(result.attempts())
                .extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        assertThat(result.modelCalls()).isEqualTo(5 + 2);
        assertThat(generator.requests.get(1).feedback()).get().isInstanceOf(Feedback.RunFailed.class);
        assertThat(generator.requests.get(1).task().description()).contains("handle the missing key");
        ChatRequest afterRun = lead.requests.get(2);
        ContentBlock.ToolResult toolResult = (ContentBlock.ToolResult) afterRun.messages()
                .get(afterRun.messages().size() - 1)
                .content()
                .get(0);
        assertThat(toolResult.toolUseId()).isEqualTo("t2");
        assertThat(toolResult.content()).contains("\"status\":\"FAILED\"", "KeyError");
        assertThat(lead.requests.get(0).tools())
                .extracting(t -> t.name())
                .containsExactly("generate_code", "execute_code");
        assertThat(result.records()).hasSize(2);
    }

    @Test
    void rejectedProgramIsReportedToTheModelWithFindingsAndNeverRuns() {
        LeadModel lead = new LeadModel(
                tool("t1", "generate_code", "{}"), tool("t2", "execute_code", "{}"), answer("It was rejected."));

        WorkflowResult result =
                agent(lead, new Doubles.ListGenerator("FORBIDDEN()"), 8).run(Task.of("x"));

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(sandbox.requests).isEmpty();
        assertThat(lead.requests.get(2).messages().get(4).content().get(0).toString())
                .contains("REJECTED", "denied-call");
    }

    @Test
    void toolRoundsAreCappedAndTheRunEndsFailedWithAReason() {
        LeadModel lead = new LeadModel(
                tool("a", "generate_code", "{}"), tool("b", "generate_code", "{}"), tool("c", "generate_code", "{}"));

        WorkflowResult result =
                agent(lead, new Doubles.ListGenerator("a()", "b()", "c()"), 2).run(Task.of("x"));

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(result.error()).get().asString().contains("2 tool rounds");
        assertThat(lead.requests).hasSize(2);
    }

    @Test
    void unknownToolAndUnknownCodeIdComeBackAsToolErrors() {
        LeadModel lead = new LeadModel(
                tool("a", "rm_rf", "{}"), tool("b", "execute_code", "{\"code_id\":\"nope\"}"), answer("done"));

        agent(lead, new Doubles.ListGenerator(), 8).run(Task.of("x"));

        ContentBlock.ToolResult first = (ContentBlock.ToolResult)
                lead.requests.get(1).messages().get(2).content().get(0);
        assertThat(first.error()).isTrue();
        assertThat(first.content()).contains("unknown tool", "generate_code");
        ContentBlock.ToolResult second = (ContentBlock.ToolResult)
                lead.requests.get(2).messages().get(4).content().get(0);
        assertThat(second.content()).contains("no program with code_id 'nope'");
    }
}
