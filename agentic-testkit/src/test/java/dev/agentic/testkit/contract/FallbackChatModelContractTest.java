package dev.agentic.testkit.contract;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.fakes.ScriptedChatModel;
import java.util.List;

/** A chain whose first model is always throttled still honours the whole contract through its second. */
class FallbackChatModelContractTest extends ChatModelContract {

    @Override
    protected ChatModel modelAnswering(String text) {
        ScriptedChatModel throttled = failing("throttled", ModelException.Kind.THROTTLED);
        ScriptedChatModel answering = ScriptedChatModel.builder()
                .id("backup")
                .chunkSize(5)
                .respondWithText(r -> text)
                .build();
        return FallbackChatModel.builder()
                .models(throttled, answering)
                .sleeper(d -> {})
                .build();
    }

    @Override
    protected ChatModel modelCallingTool(String name, String inputJson) {
        ScriptedChatModel calling = ScriptedChatModel.builder()
                .id("backup")
                .respondWith(r -> new ChatResponse(
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", name, inputJson))),
                        StopReason.TOOL_USE,
                        new TokenUsage(12, 7),
                        "backup"))
                .build();
        return FallbackChatModel.builder()
                .models(failing("throttled", ModelException.Kind.THROTTLED), calling)
                .sleeper(d -> {})
                .build();
    }

    @Override
    protected ChatModel modelFailingWith(ModelException.Kind kind) {
        return FallbackChatModel.builder()
                .models(failing("a", kind), failing("b", kind))
                .maxRounds(2)
                .sleeper(d -> {})
                .build();
    }

    private static ScriptedChatModel failing(String id, ModelException.Kind kind) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder().id(id);
        for (int call = 1; call <= 100; call++) {
            b.failOnCall(call, kind);
        }
        return b.build();
    }
}
