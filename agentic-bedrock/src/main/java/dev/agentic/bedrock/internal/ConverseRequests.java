package dev.agentic.bedrock.internal;

import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ContentBlock.Text;
import dev.agentic.core.model.ContentBlock.ToolResult;
import dev.agentic.core.model.ContentBlock.ToolUse;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** Maps our {@link ChatRequest} to the parts of a Converse / ConverseStream request. Stateless. */
public final class ConverseRequests {
    private ConverseRequests() {}

    /** The conversation as Converse messages. */
    public static List<Message> messages(ChatRequest request) {
        List<Message> out = new ArrayList<>();
        for (var m : request.messages()) {
            List<ContentBlock> blocks = new ArrayList<>();
            for (var b : m.content()) {
                blocks.add(block(b));
            }
            out.add(Message.builder()
                    .role(m.role() == Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                    .content(blocks)
                    .build());
        }
        return out;
    }

    private static ContentBlock block(Object b) {
        if (b instanceof Text t) {
            return ContentBlock.fromText(t.text());
        }
        if (b instanceof ToolUse u) {
            return ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(u.id())
                    .name(u.name())
                    .input(Documents.fromJson(u.inputJson(), "the input of tool call " + u.id()))
                    .build());
        }
        ToolResult r = (ToolResult) b;
        return ContentBlock.fromToolResult(ToolResultBlock.builder()
                .toolUseId(r.toolUseId())
                .content(ToolResultContentBlock.fromText(r.content()))
                .status(r.error() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS)
                .build());
    }

    /** The system prompt as Converse system blocks; empty when the request has none. */
    public static List<SystemContentBlock> system(ChatRequest request) {
        return request.system().isBlank() ? List.of() : List.of(SystemContentBlock.fromText(request.system()));
    }

    /** Max tokens, temperature, top-p (when set) and stop sequences. */
    public static InferenceConfiguration inference(ChatRequest request, Optional<Double> topP) {
        InferenceConfiguration.Builder b = InferenceConfiguration.builder().maxTokens(request.maxTokens());
        request.temperature().ifPresent(t -> b.temperature(t.floatValue()));
        topP.ifPresent(p -> b.topP(p.floatValue()));
        if (!request.stopSequences().isEmpty()) {
            b.stopSequences(request.stopSequences());
        }
        return b.build();
    }

    /** The tools on offer; empty when the request offers none (Converse then gets no tool configuration). */
    public static Optional<ToolConfiguration> tools(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return Optional.empty();
        }
        List<Tool> tools = new ArrayList<>();
        for (ToolSpec spec : request.tools()) {
            tools.add(Tool.fromToolSpec(ToolSpecification.builder()
                    .name(spec.name())
                    .description(spec.description())
                    .inputSchema(ToolInputSchema.fromJson(
                            Documents.fromJson(spec.inputSchemaJson(), "the input schema of tool " + spec.name())))
                    .build()));
        }
        return Optional.of(ToolConfiguration.builder().tools(tools).build());
    }
}
