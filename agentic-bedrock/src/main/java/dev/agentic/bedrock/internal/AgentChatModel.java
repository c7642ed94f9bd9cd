package dev.agentic.bedrock.internal;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.ModelException.Kind;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;

/**
 * One session of a hosted Bedrock Agent behind {@link ChatModel}: each call sends the last user message as the
 * agent's input text and returns the assembled {@code chunk}s; the agent keeps the conversation in its session.
 * Thread-safe.
 */
public final class AgentChatModel implements ChatModel {
    private final BedrockAgentRuntimeAsyncClient client;
    private final String agentId;
    private final String aliasId;
    private final String sessionId;

    public AgentChatModel(BedrockAgentRuntimeAsyncClient client, String agentId, String aliasId, String sessionId) {
        this.client = client;
        this.agentId = agentId;
        this.aliasId = aliasId;
        this.sessionId = sessionId;
    }

    @Override
    public String id() {
        return "bedrock-agent:" + agentId + "/" + aliasId;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        StringBuilder answer = new StringBuilder();
        InvokeAgentResponseHandler handler = InvokeAgentResponseHandler.builder()
                .onResponse(r -> {
                    synchronized (answer) {
                        answer.setLength(0);
                    }
                })
                .subscriber(InvokeAgentResponseHandler.Visitor.builder()
                        .onChunk(part -> {
                            if (part.bytes() != null) {
                                synchronized (answer) {
                                    answer.append(part.bytes().asUtf8String());
                                }
                            }
                        })
                        .build())
                .build();
        InvokeAgentRequest invoke = InvokeAgentRequest.builder()
                .agentId(agentId)
                .agentAliasId(aliasId)
                .sessionId(sessionId)
                .inputText(request.lastUserText())
                .build();
        Future<Void> call = client.invokeAgent(invoke, handler);
        try {
            call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.UNKNOWN, id(), "interrupted while the agent was answering", e);
        } catch (ExecutionException e) {
            throw BedrockErrors.map(e, id());
        }
        synchronized (answer) {
            return ConverseAnswers.response(
                    List.of(new ContentBlock.Text(answer.toString())), StopReason.END_TURN, TokenUsage.ZERO, id());
        }
    }
}
