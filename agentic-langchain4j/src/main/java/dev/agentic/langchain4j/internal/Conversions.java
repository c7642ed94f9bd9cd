package dev.agentic.langchain4j.internal;

import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.model.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Our requests to LangChain4j's, and LangChain4j's responses to ours. Stateless. */
public final class Conversions {
    private Conversions() {}

    /** Our request as a LangChain4j request: system prompt, messages, tools, limits. */
    public static dev.langchain4j.model.chat.request.ChatRequest toLangChain4j(ChatRequest request) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (ToolSpec tool : request.tools()) {
            tools.add(toolSpecification(tool));
        }
        dev.langchain4j.model.chat.request.ChatRequest.Builder b =
                dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(messages(request))
                        .maxOutputTokens(request.maxTokens());
        if (!tools.isEmpty()) {
            b.toolSpecifications(tools);
        }
        request.temperature().ifPresent(b::temperature);
        if (!request.stopSequences().isEmpty()) {
            b.stopSequences(request.stopSequences());
        }
        return b.build();
    }

    /** Our tool as a LangChain4j tool specification. */
    public static ToolSpecification toolSpecification(ToolSpec tool) {
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(JsonSchemas.toObjectSchema(tool.name(), tool.inputSchemaJson()))
                .build();
    }

    /** A LangChain4j tool specification as our tool. */
    public static ToolSpec toolSpec(ToolSpecification spec) {
        String schema = spec.parameters() == null
                ? "{\"type\":\"object\",\"properties\":{}}"
                : JsonSchemas.toJson(spec.parameters());
        return new ToolSpec(spec.name(), spec.description() == null ? "" : spec.description(), schema);
    }

    static List<ChatMessage> messages(ChatRequest request) {
        List<ChatMessage> out = new ArrayList<>();
        if (!request.system().isEmpty()) {
            out.add(SystemMessage.from(request.system()));
        }
        Map<String, String> toolNames = new HashMap<>();
        for (Message message : request.messages()) {
            if (message.role() == Role.ASSISTANT) {
                out.add(aiMessage(message, toolNames));
            } else {
                for (ContentBlock block : message.content()) {
                    if (block instanceof ContentBlock.ToolResult result) {
                        out.add(ToolExecutionResultMessage.builder()
                                .id(result.toolUseId())
                                .toolName(toolNames.getOrDefault(result.toolUseId(), "tool"))
                                .text(result.content())
                                .isError(result.error() ? Boolean.TRUE : null)
                                .build());
                    }
                }
                String text = message.text();
                if (!text.isEmpty()
                        || message.content().stream().noneMatch(ContentBlock.ToolResult.class::isInstance)) {
                    out.add(UserMessage.from(text));
                }
            }
        }
        return out;
    }

    private static AiMessage aiMessage(Message message, Map<String, String> toolNames) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (ContentBlock.ToolUse use : message.toolUses()) {
            toolNames.put(use.id(), use.name());
            calls.add(ToolExecutionRequest.builder()
                    .id(use.id())
                    .name(use.name())
                    .arguments(use.inputJson())
                    .build());
        }
        String text = message.text();
        if (calls.isEmpty()) {
            return AiMessage.from(text);
        }
        return text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text, calls);
    }

    /**
     * LangChain4j's response as ours; {@code fallbackModelId} names the model when the response does not.
     */
    public static ChatResponse fromLangChain4j(
            dev.langchain4j.model.chat.response.ChatResponse response, String fallbackModelId) {
        AiMessage ai = response.aiMessage();
        List<ContentBlock> blocks = new ArrayList<>();
        if (ai != null && ai.text() != null && !ai.text().isEmpty()) {
            blocks.add(ContentBlock.text(ai.text()));
        }
        if (ai != null && ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                blocks.add(new ContentBlock.ToolUse(
                        call.id() == null || call.id().isBlank()
                                ? "call_" + UUID.randomUUID().toString().replace("-", "")
                                : call.id(),
                        call.name(),
                        call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments()));
            }
        }
        if (blocks.isEmpty()) {
            blocks.add(ContentBlock.text(""));
        }
        Message message = new Message(Role.ASSISTANT, blocks);
        String model =
                response.modelName() == null || response.modelName().isBlank() ? fallbackModelId : response.modelName();
        return new ChatResponse(
                message, stopReason(response.finishReason(), message), usage(response.tokenUsage()), model);
    }

    static StopReason stopReason(FinishReason reason, Message message) {
        if (reason == null) {
            return message.toolUses().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
        }
        switch (reason) {
            case STOP:
                return message.toolUses().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
            case LENGTH:
                return StopReason.MAX_TOKENS;
            case TOOL_EXECUTION:
                return StopReason.TOOL_USE;
            case CONTENT_FILTER:
                return StopReason.CONTENT_FILTERED;
            default:
                return StopReason.OTHER;
        }
    }

    /**
     * LangChain4j's usage as ours, with prompt-cache reads and writes split out where the vendor's usage type
     * reports them (OpenAI counts cached tokens inside its input tokens; Anthropic counts them apart).
     */
    static TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.ZERO;
        }
        long input = count(usage.inputTokenCount());
        long output = count(usage.outputTokenCount());
        long cacheRead = 0;
        long cacheWrite = 0;
        String type = usage.getClass().getName();
        if (type.equals("dev.langchain4j.model.openai.OpenAiTokenUsage")) {
            cacheRead = Math.min(input, OpenAiUsage.cachedTokens(usage));
            input -= cacheRead;
        } else if (type.equals("dev.langchain4j.model.anthropic.AnthropicTokenUsage")) {
            cacheRead = AnthropicUsage.cacheRead(usage);
            cacheWrite = AnthropicUsage.cacheWrite(usage);
        }
        return new TokenUsage(input, output, cacheRead, cacheWrite);
    }

    static long count(Integer value) {
        return value == null || value < 0 ? 0 : value;
    }
}
