package dev.agentic.testkit.contract;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.fakes.ScriptedChatModel;
import java.util.List;

class ScriptedChatModelContractTest extends ChatModelContract {

    @Override
    protected ChatModel modelAnswering(String text) {
        return ScriptedChatModel.builder()
                .id("scripted-contract")
                .chunkSize(3)
                .respondWithText(r -> text)
                .build();
    }

    @Override
    protected ChatModel modelCallingTool(String name, String inputJson) {
        return ScriptedChatModel.builder()
                .id("scripted-tools")
                .respondWith(r -> new ChatResponse(
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", name, inputJson))),
                        StopReason.TOOL_USE,
                        new TokenUsage(12, 7),
                        "scripted-tools"))
                .build();
    }

    @Override
    protected ChatModel modelFailingWith(ModelException.Kind kind) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (int call = 1; call <= 10; call++) {
            b.failOnCall(call, kind);
        }
        return b.build();
    }
}
